package io.github.aksdevsecops.bootstrap.verify;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HTTP requests made by curl inside a probe Pod. curl runs without a shell (argv straight to exec),
 * prints the response head with {@code -i}; every request has a connect and a total timeout.
 */
public final class Curl {
  static final Duration CONNECT = Duration.ofSeconds(5);
  static final Duration TOTAL = Duration.ofSeconds(15);
  private static final Pattern STATUS = Pattern.compile("^HTTP/[0-9.]+ (\\d{3})");
  private static final Pattern PEM =
      Pattern.compile("-----BEGIN CERTIFICATE-----[^-]+-----END CERTIFICATE-----");

  private final PodShell shell;

  public Curl(PodShell shell) {
    this.shell = shell;
  }

  public PodShell shell() {
    return shell;
  }

  /** A request to {@code url}; {@code options} are curl options such as {@code -H}. */
  public HttpReply request(String url, List<String> options) throws InterruptedException {
    PodShell.Result r = shell.exec(TOTAL.plusSeconds(10), command(url, options));
    return parse(r.exitCode(), r.stdout(), r.stderr());
  }

  /** The argv of a request: the response head and body on stdout. */
  public static List<String> command(String url, List<String> options) {
    List<String> argv = base();
    argv.add("-i");
    argv.addAll(options);
    argv.add(url);
    return argv;
  }

  /** The argv that prints the server's certificate chain. */
  public static List<String> certificatesCommand(String url, List<String> options) {
    List<String> argv = base();
    argv.addAll(List.of("-k", "-o", "/dev/null", "-w", "%{certs}"));
    argv.addAll(options);
    argv.add(url);
    return argv;
  }

  public HttpReply get(String url) throws InterruptedException {
    return request(url, List.of());
  }

  /** The certificates the server presented, leaf first, as PEM blocks (curl's %{certs}). */
  public List<String> certificates(String url, List<String> options) throws InterruptedException {
    PodShell.Result r = shell.exec(TOTAL.plusSeconds(10), certificatesCommand(url, options));
    List<String> pems = new ArrayList<>();
    Matcher m = PEM.matcher(r.stdout());
    while (m.find()) {
      pems.add(m.group());
    }
    return pems;
  }

  private static List<String> base() {
    return new ArrayList<>(
        List.of(
            "curl",
            "-sS",
            "--http1.1",
            "--connect-timeout",
            Long.toString(CONNECT.toSeconds()),
            "--max-time",
            Long.toString(TOTAL.toSeconds())));
  }

  /** Parses curl -i output: the last response head (after any 1xx), then the body. */
  static HttpReply parse(int exit, String stdout, String stderr) {
    String rest = stdout;
    int status = 0;
    Map<String, String> headers = new LinkedHashMap<>();
    while (true) {
      Matcher m = STATUS.matcher(rest);
      if (!m.find()) {
        break;
      }
      status = Integer.parseInt(m.group(1));
      headers.clear();
      int end = rest.indexOf("\r\n\r\n");
      String head = end < 0 ? rest : rest.substring(0, end);
      rest = end < 0 ? "" : rest.substring(end + 4);
      for (String line : head.split("\r\n")) {
        int colon = line.indexOf(':');
        if (colon > 0 && !line.startsWith("HTTP/")) {
          headers.put(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
        }
      }
      if (status >= 200) {
        break;
      }
    }
    return new HttpReply(exit, status, headers, status > 0 ? rest : "", stderr.strip());
  }
}
