package io.github.aksdevsecops.app.observability;

import io.github.aksdevsecops.app.web.ConnectionPipelines;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.http.netty.channel.ChannelPipelineCustomizer;
import io.micronaut.http.server.netty.NettyServerCustomizer;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpRequest;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import jakarta.inject.Singleton;

/**
 * Keeps the OpenTelemetry server context current when Micronaut handles a request outside {@code
 * channelRead}.
 *
 * <p>The agent makes the server span current only while Netty delivers a message. When a body
 * arrives in a later packet than the headers, Micronaut starts the request from {@code
 * channelReadComplete}, where no span is current: the route name would not reach the span and log
 * lines would lose their trace id. This handler, placed just before Micronaut's, remembers the
 * context of the last request read and restores it around {@code channelReadComplete}. Without the
 * agent, the remembered span is never valid and the handler does nothing.
 */
@Singleton
class TraceContextNettyCustomizer
    implements BeanCreatedEventListener<NettyServerCustomizer.Registry> {

  @Override
  public NettyServerCustomizer.Registry onCreated(
      BeanCreatedEvent<NettyServerCustomizer.Registry> event) {
    event
        .getBean()
        .register(
            ConnectionPipelines.onEachConnection(
                pipeline -> {
                  if (pipeline.get(ChannelPipelineCustomizer.HANDLER_MICRONAUT_INBOUND) != null
                      && pipeline.get(ContextHandler.NAME) == null) {
                    pipeline.addBefore(
                        ChannelPipelineCustomizer.HANDLER_MICRONAUT_INBOUND,
                        ContextHandler.NAME,
                        new ContextHandler());
                  }
                }));
    return event.getBean();
  }

  static final class ContextHandler extends ChannelInboundHandlerAdapter {
    static final String NAME = "devsecops-trace-context";
    private Context pending;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      if (msg instanceof HttpRequest && Span.current().getSpanContext().isValid()) {
        pending = Context.current();
      }
      ctx.fireChannelRead(msg);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
      Context context = pending;
      pending = null;
      if (context == null) {
        ctx.fireChannelReadComplete();
        return;
      }
      try (Scope ignored = context.makeCurrent()) {
        ctx.fireChannelReadComplete();
      }
    }
  }
}
