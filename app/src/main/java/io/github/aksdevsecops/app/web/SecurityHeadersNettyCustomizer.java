package io.github.aksdevsecops.app.web;

import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.http.netty.channel.ChannelPipelineCustomizer;
import io.micronaut.http.server.netty.NettyServerCustomizer;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.ReferenceCountUtil;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Hardening at the Netty level, for what never reaches the filter chain.
 *
 * <p>Requests the HTTP codec could not decode (request line over the URI limit, headers over the
 * header limit, malformed syntax) are answered here with 414, 431 or 400 and a problem body;
 * Micronaut would answer 413 for all of them. Every response written on the channel, whatever its
 * origin, gets the security headers and loses any Server header.
 */
@Singleton
class SecurityHeadersNettyCustomizer
    implements BeanCreatedEventListener<NettyServerCustomizer.Registry> {

  private final Map<String, String> headers;

  SecurityHeadersNettyCustomizer(SecurityHeadersConfiguration configuration) {
    this.headers = configuration.headers();
  }

  @Override
  public NettyServerCustomizer.Registry onCreated(
      BeanCreatedEvent<NettyServerCustomizer.Registry> event) {
    event
        .getBean()
        .register(
            ConnectionPipelines.onEachConnection(
                pipeline -> {
                  if (pipeline.get(ChannelPipelineCustomizer.HANDLER_HTTP_SERVER_CODEC) != null
                      && pipeline.get(HardeningHandler.NAME) == null) {
                    pipeline.addAfter(
                        ChannelPipelineCustomizer.HANDLER_HTTP_SERVER_CODEC,
                        HardeningHandler.NAME,
                        new HardeningHandler(headers));
                  }
                }));
    return event.getBean();
  }

  static final class HardeningHandler extends ChannelDuplexHandler {
    static final String NAME = "devsecops-hardening";
    private final Map<String, String> headers;

    HardeningHandler(Map<String, String> headers) {
      this.headers = headers;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      if (msg instanceof HttpObject http && http.decoderResult().isFailure()) {
        HttpResponseStatus status = statusFor(http.decoderResult());
        ReferenceCountUtil.release(msg);
        ctx.writeAndFlush(problem(status)).addListener(ChannelFutureListener.CLOSE);
        return;
      }
      ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
      if (msg instanceof HttpResponse response) {
        stamp(response);
      }
      ctx.write(msg, promise);
    }

    private void stamp(HttpResponse response) {
      headers.forEach((name, value) -> response.headers().set(name, value));
      response.headers().remove(HttpHeaderNames.SERVER);
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
      response.headers().set(HttpHeaderNames.CONTENT_TYPE, Problem.MEDIA_TYPE);
      response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, bytes.length);
      response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
      stamp(response);
      return response;
    }
  }
}
