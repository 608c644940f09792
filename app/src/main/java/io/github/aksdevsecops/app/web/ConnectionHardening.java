package io.github.aksdevsecops.app.web;

import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.http.netty.channel.ChannelPipelineCustomizer;
import io.micronaut.http.server.netty.NettyServerCustomizer;
import io.micronaut.http.server.netty.configuration.NettyHttpServerConfiguration;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.DefaultHttpHeadersFactory;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpHeadersFactory;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.AsciiString;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Hardening at the Netty level, for what never reaches the filter chain; every response that does
 * gets its headers from {@link SecurityHeadersFilter}, the one place that stamps them.
 *
 * <ul>
 *   <li>Requests the HTTP codec could not decode (request line over the URI limit, headers over the
 *       header limit, malformed syntax) are answered with 414, 431 or 400, a problem body and the
 *       security headers, and the connection is closed; Micronaut would answer 413 for all.
 *   <li>A request with both {@code Content-Length} and {@code Transfer-Encoding} is such a request
 *       (400, closed): two framings in one message are how requests are smuggled past a proxy that
 *       picks the other one. Netty alone would drop {@code Content-Length} and carry on.
 *   <li>The request head must arrive within the request timeout from its first byte, or the client
 *       gets 408 and the connection is closed: a client trickling its headers cannot hold a
 *       connection (the request timeout filter covers the body, once routing has started).
 *   <li>At shutdown, a connection accepted just before the listener closed, whose first request has
 *       not arrived yet, is closed only after a short linger: its client has connected and may be
 *       writing that request right now, and closing under it would lose it. A request that arrives
 *       is served (and the connection then closed); a connection that stays silent is closed when
 *       the linger ends.
 * </ul>
 */
@Singleton
class ConnectionHardening implements BeanCreatedEventListener<NettyServerCustomizer.Registry> {

  static final String HEAD_WATCH = "devsecops-head-watch";
  static final long FIRST_REQUEST_LINGER_MILLIS = 1000;
  static final String HANDLER = "devsecops-hardening";

  private final Map<String, String> headers;
  private final long headTimeoutMillis;
  private final NettyHttpServerConfiguration server;

  ConnectionHardening(
      SecurityHeadersConfiguration headers,
      RequestTimeoutFilter.Limits limits,
      NettyHttpServerConfiguration server) {
    this.headers = headers.headers();
    this.headTimeoutMillis = limits.requestTimeout().toMillis();
    this.server = server;
  }

  @Override
  public NettyServerCustomizer.Registry onCreated(
      BeanCreatedEvent<NettyServerCustomizer.Registry> event) {
    event.getBean().register(ConnectionPipelines.onEachConnection(this::harden));
    return event.getBean();
  }

  private void harden(ChannelPipeline pipeline) {
    String codec = ChannelPipelineCustomizer.HANDLER_HTTP_SERVER_CODEC;
    if (pipeline.get(codec) == null || pipeline.get(HANDLER) != null) {
      return;
    }
    pipeline.replace(codec, codec, new HttpServerCodec(decoderConfig()));
    HardeningHandler handler = new HardeningHandler(headers, headTimeoutMillis);
    pipeline.addBefore(codec, HEAD_WATCH, handler.headWatch());
    pipeline.addAfter(codec, HANDLER, handler);
  }

  /** Micronaut's own limits, with headers that refuse a second framing. */
  private HttpDecoderConfig decoderConfig() {
    return new HttpDecoderConfig()
        .setMaxInitialLineLength(server.getMaxInitialLineLength())
        .setMaxHeaderSize(server.getMaxHeaderSize())
        .setMaxChunkSize(server.getMaxChunkSize())
        .setValidateHeaders(server.isValidateHeaders())
        .setInitialBufferSize(server.getInitialBufferSize())
        .setHeadersFactory(SingleFramingHeaders.FACTORY);
  }

  /** Request headers that reject {@code Transfer-Encoding} next to {@code Content-Length}. */
  static final class SingleFramingHeaders extends DefaultHttpHeaders {

    static final HttpHeadersFactory FACTORY =
        new HttpHeadersFactory() {
          @Override
          public HttpHeaders newHeaders() {
            return new SingleFramingHeaders();
          }

          @Override
          public HttpHeaders newEmptyHeaders() {
            return DefaultHttpHeadersFactory.headersFactory().newEmptyHeaders();
          }
        };

    @Override
    public HttpHeaders add(String name, Object value) {
      refuseSecondFraming(name);
      return super.add(name, value);
    }

    @Override
    public HttpHeaders add(CharSequence name, Object value) {
      refuseSecondFraming(name);
      return super.add(name, value);
    }

    private void refuseSecondFraming(CharSequence name) {
      boolean length = AsciiString.contentEqualsIgnoreCase(name, HttpHeaderNames.CONTENT_LENGTH);
      boolean transfer =
          AsciiString.contentEqualsIgnoreCase(name, HttpHeaderNames.TRANSFER_ENCODING);
      if ((length && contains(HttpHeaderNames.TRANSFER_ENCODING))
          || (transfer && contains(HttpHeaderNames.CONTENT_LENGTH))) {
        throw new IllegalArgumentException("both Content-Length and Transfer-Encoding");
      }
    }
  }

  static final class HardeningHandler extends ChannelDuplexHandler {
    private final Map<String, String> headers;
    private final long headTimeoutMillis;
    private ChannelHandlerContext ctx;
    private boolean awaitingHead = true;
    private boolean requested;
    private boolean lingering;
    private ScheduledFuture<?> headDeadline;

    HardeningHandler(Map<String, String> headers, long headTimeoutMillis) {
      this.headers = headers;
      this.headTimeoutMillis = headTimeoutMillis;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
      this.ctx = ctx;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      if (msg instanceof HttpObject http && http.decoderResult().isFailure()) {
        cancelHeadDeadline();
        HttpResponseStatus status = statusFor(http.decoderResult());
        ReferenceCountUtil.release(msg);
        refuse(status);
        return;
      }
      if (msg instanceof HttpRequest) {
        awaitingHead = false;
        requested = true;
        cancelHeadDeadline();
      }
      if (msg instanceof LastHttpContent) {
        awaitingHead = true;
      }
      ctx.fireChannelRead(msg);
    }

    /** Only Micronaut's graceful shutdown closes a connection that has not had a request yet. */
    @Override
    public void close(ChannelHandlerContext ctx, ChannelPromise promise) {
      if (!requested && !lingering && ctx.channel().isActive()) {
        lingering = true;
        ctx.executor()
            .schedule(() -> ctx.close(promise), FIRST_REQUEST_LINGER_MILLIS, TimeUnit.MILLISECONDS);
        return;
      }
      ctx.close(promise);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      cancelHeadDeadline();
      ctx.fireChannelInactive();
    }

    /** Sits before the codec: the first bytes of a request head start its deadline. */
    ChannelInboundHandlerAdapter headWatch() {
      return new ChannelInboundHandlerAdapter() {
        @Override
        public void channelRead(ChannelHandlerContext watchCtx, Object msg) {
          if (awaitingHead && headDeadline == null && msg instanceof ByteBuf bytes) {
            if (bytes.isReadable()) {
              headDeadline =
                  watchCtx
                      .executor()
                      .schedule(
                          () -> refuse(HttpResponseStatus.REQUEST_TIMEOUT),
                          headTimeoutMillis,
                          TimeUnit.MILLISECONDS);
            }
          }
          watchCtx.fireChannelRead(msg);
        }
      };
    }

    private void cancelHeadDeadline() {
      if (headDeadline != null) {
        headDeadline.cancel(false);
        headDeadline = null;
      }
    }

    private void refuse(HttpResponseStatus status) {
      headDeadline = null;
      if (ctx.channel().isActive()) {
        ctx.writeAndFlush(problem(status)).addListener(ChannelFutureListener.CLOSE);
      }
    }

    static HttpResponseStatus statusFor(DecoderResult result) {
      Throwable cause = result.cause();
      if (cause instanceof TooLongHttpLineException) {
        return HttpResponseStatus.REQUEST_URI_TOO_LONG;
      }
      if (cause instanceof TooLongHttpHeaderException) {
        return HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE;
      }
      if (cause instanceof TooLongFrameException) {
        return HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE;
      }
      return HttpResponseStatus.BAD_REQUEST;
    }

    private FullHttpResponse problem(HttpResponseStatus status) {
      String body =
          "{\"type\":\"about:blank\",\"title\":\""
              + status.reasonPhrase()
              + "\",\"status\":"
              + status.code()
              + ",\"detail\":\""
              + Problems.genericDetail(status.code())
              + "\"}";
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      FullHttpResponse response =
          new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(bytes));
      headers.forEach((name, value) -> response.headers().set(name, value));
      response.headers().set(HttpHeaderNames.CONTENT_TYPE, Problem.MEDIA_TYPE);
      response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, bytes.length);
      response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
      return response;
    }
  }
}
