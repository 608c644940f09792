package io.github.aksdevsecops.app.support;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * HTTP/1.1 clients that keep their connection alive and send one request after another, as a
 * connection pool does; a response with {@code Connection: close} makes a client reconnect. Every
 * request is classified: answered, or lost (written, then the connection closed or reset without an
 * answer). A refused connection ends a client: the server has stopped listening, nothing was sent.
 * Bounded in time; raw sockets so that nothing retries behind the count's back.
 */
public final class KeepAliveLoad implements AutoCloseable {

  public final AtomicInteger answered = new AtomicInteger();
  public final AtomicInteger answeredWithClose = new AtomicInteger();
  public final AtomicInteger lost = new AtomicInteger();
  public final AtomicInteger refused = new AtomicInteger();
  public final AtomicInteger moved = new AtomicInteger();
  private volatile boolean published = true;
  private final List<Thread> clients = new ArrayList<>();
  private final byte[] request;
  private final int port;
  private final long deadline;

  private KeepAliveLoad(int port, String path, String token, long maxMillis) {
    this.port = port;
    this.request =
        ("GET "
                + path
                + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                + token
                + "\r\n\r\n")
            .getBytes(StandardCharsets.ISO_8859_1);
    this.deadline = System.nanoTime() + maxMillis * 1_000_000;
  }

  public static KeepAliveLoad start(
      int clients, int port, String path, String token, long maxMillis) {
    KeepAliveLoad load = new KeepAliveLoad(port, path, token, maxMillis);
    for (int i = 0; i < clients; i++) {
      Thread thread = new Thread(load::loop, "keep-alive-client-" + i);
      load.clients.add(thread);
      thread.start();
    }
    return load;
  }

  private void loop() {
    Socket socket = null;
    InputStream in = null;
    while (System.nanoTime() < deadline) {
      try {
        if (socket == null && !published) {
          moved.incrementAndGet();
          return;
        }
        if (socket == null) {
          try {
            socket = new Socket(InetAddress.getLoopbackAddress(), port);
          } catch (IOException e) {
            refused.incrementAndGet();
            return;
          }
          socket.setSoTimeout(30_000);
          in = new BufferedInputStream(socket.getInputStream());
        }
        try {
          socket.getOutputStream().write(request);
          socket.getOutputStream().flush();
        } catch (IOException e) {
          close(socket); // not sent: the server had closed this connection already
          socket = null;
          continue;
        }
        Boolean close = readResponse(in);
        if (close == null) {
          lost.incrementAndGet();
          close(socket);
          socket = null;
          continue;
        }
        answered.incrementAndGet();
        if (close) {
          answeredWithClose.incrementAndGet();
          close(socket);
          socket = null;
        }
      } catch (IOException e) {
        lost.incrementAndGet();
        close(socket);
        socket = null;
      }
    }
    close(socket);
  }

  /** True when the response says Connection: close; null when the connection ended without one. */
  private static Boolean readResponse(InputStream in) throws IOException {
    String head = readHead(in);
    if (head == null) {
      return null;
    }
    int length = 0;
    boolean close = false;
    for (String line : head.split("\r\n")) {
      String lower = line.toLowerCase(Locale.ROOT);
      if (lower.startsWith("content-length:")) {
        length = Integer.parseInt(lower.substring(15).trim());
      } else if (lower.startsWith("connection:") && lower.contains("close")) {
        close = true;
      }
    }
    if (in.readNBytes(length).length != length) {
      return null;
    }
    return close;
  }

  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    while (matched < 4) {
      int b = in.read();
      if (b < 0) {
        return null;
      }
      head.write(b);
      matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
    }
    return head.toString(StandardCharsets.ISO_8859_1);
  }

  private static void close(Socket socket) {
    if (socket != null) {
      try {
        socket.close();
      } catch (IOException e) {
        // closing a connection that is already gone
      }
    }
  }

  /** The endpoint leaves the Service: clients keep their connections but open no new ones. */
  public void withdraw() {
    published = false;
  }

  /** Waits for every client to stop (moved, refused, or the time bound). */
  public void awaitEnd() throws InterruptedException {
    for (Thread client : clients) {
      client.join();
    }
  }

  @Override
  public void close() throws InterruptedException {
    awaitEnd();
  }
}
