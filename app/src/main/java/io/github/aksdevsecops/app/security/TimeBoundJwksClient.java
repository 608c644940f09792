package io.github.aksdevsecops.app.security;

import com.nimbusds.jose.util.DefaultResourceRetriever;
import io.micronaut.context.annotation.Primary;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.security.token.jwt.signature.jwks.JwksClient;
import io.micronaut.security.token.jwt.signature.jwks.ResourceRetrieverJwksClient;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.net.URI;
import java.util.concurrent.ExecutorService;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Loads the issuer's JWKS with bounded connect and read times and a size limit. Micronaut's own
 * loader waits forever on an issuer that accepts the connection and never answers, holding a
 * blocking thread and every request that waits for the keys. A failure is one warning line; the
 * JWKS readiness check then reports DOWN.
 */
@Singleton
@Primary
@Replaces(ResourceRetrieverJwksClient.class)
class TimeBoundJwksClient implements JwksClient {

  private static final Logger LOG = LoggerFactory.getLogger(TimeBoundJwksClient.class);
  private static final int TIMEOUT_MILLIS = 3000;
  private static final int SIZE_LIMIT_BYTES = 512 * 1024;

  private final DefaultResourceRetriever retriever =
      new DefaultResourceRetriever(TIMEOUT_MILLIS, TIMEOUT_MILLIS, SIZE_LIMIT_BYTES);
  private final Scheduler scheduler;

  TimeBoundJwksClient(@Named(TaskExecutors.BLOCKING) ExecutorService executor) {
    this.scheduler = Schedulers.fromExecutorService(executor);
  }

  @Override
  public Publisher<String> load(@Nullable String providerName, String url) {
    return Mono.fromCallable(() -> fetch(url)).subscribeOn(scheduler);
  }

  @Nullable
  private String fetch(String url) {
    try {
      return retriever.retrieveResource(URI.create(url).toURL()).getContent();
    } catch (IOException | IllegalArgumentException e) {
      LOG.warn("JWKS not loaded from {}: {}", url, e.getMessage());
      return null;
    }
  }
}
