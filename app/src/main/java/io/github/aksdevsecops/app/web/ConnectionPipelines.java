package io.github.aksdevsecops.app.web;

import io.micronaut.http.server.netty.NettyServerCustomizer;
import io.netty.channel.Channel;
import io.netty.channel.ChannelPipeline;
import java.util.function.Consumer;

/**
 * Runs a pipeline change on every HTTP/1 connection once Micronaut has built its stream pipeline:
 * the one way this service adds Netty handlers.
 */
public final class ConnectionPipelines implements NettyServerCustomizer {

  private final Channel channel;
  private final Consumer<ChannelPipeline> change;

  private ConnectionPipelines(Channel channel, Consumer<ChannelPipeline> change) {
    this.channel = channel;
    this.change = change;
  }

  /** Register the result with {@link NettyServerCustomizer.Registry#register}. */
  public static NettyServerCustomizer onEachConnection(Consumer<ChannelPipeline> change) {
    return new ConnectionPipelines(null, change);
  }

  @Override
  public NettyServerCustomizer specializeForChannel(Channel channel, ChannelRole role) {
    return role == ChannelRole.CONNECTION ? new ConnectionPipelines(channel, change) : this;
  }

  @Override
  public void onStreamPipelineBuilt() {
    if (channel != null) {
      change.accept(channel.pipeline());
    }
  }
}
