package io.github.aksdevsecops.app.observability;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.stream.DoubleStream;

/**
 * Shapes {@code http_server_requests_seconds} for the platform's SLOs.
 *
 * <p>Buckets (seconds) 0.005 0.01 0.025 0.05 0.1 0.25 0.5 1 2.5 5 10: the latency SLO is "99% of
 * requests under 0.5 s", so 0.5 is an exact bucket boundary and the SLI is a ratio of two counters
 * ({@code le="0.5"} over {@code +Inf}) with no interpolation error, which is what multi-window
 * burn-rate alerts need. The buckets below 0.5 resolve p50/p90 of a fast in-memory API; those above
 * it size the tail during an incident. Eleven fixed buckets keep the series count per route small
 * and identical on every pod, so they aggregate across replicas (percentile summaries cannot).
 */
@Factory
class HttpMetricsFilters {

  static final String SERVER_REQUESTS = "http.server.requests";
  static final double[] BUCKETS_SECONDS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

  @Singleton
  MeterFilter sloBuckets() {
    double[] nanos =
        DoubleStream.of(BUCKETS_SECONDS)
            .map(s -> Duration.ofMillis(Math.round(s * 1000)).toNanos())
            .toArray();
    return new MeterFilter() {
      @Override
      public DistributionStatisticConfig configure(
          Meter.Id id, DistributionStatisticConfig config) {
        if (!id.getName().equals(SERVER_REQUESTS)) {
          return config;
        }
        return DistributionStatisticConfig.builder()
            .percentilesHistogram(false)
            .serviceLevelObjectives(nanos)
            .build()
            .merge(config);
      }
    };
  }

  /** Adds {@code outcome} (SUCCESS, CLIENT_ERROR, SERVER_ERROR, ...) derived from the status. */
  @Singleton
  MeterFilter outcomeTag() {
    return new MeterFilter() {
      @Override
      public Meter.Id map(Meter.Id id) {
        if (!id.getName().equals(SERVER_REQUESTS) || id.getTag("outcome") != null) {
          return id;
        }
        return id.withTag(Tag.of("outcome", outcome(id.getTag("status"))));
      }
    };
  }

  static String outcome(String status) {
    if (status == null || status.length() != 3 || !Character.isDigit(status.charAt(0))) {
      return "UNKNOWN";
    }
    return switch (status.charAt(0)) {
      case '1' -> "INFORMATIONAL";
      case '2' -> "SUCCESS";
      case '3' -> "REDIRECTION";
      case '4' -> "CLIENT_ERROR";
      case '5' -> "SERVER_ERROR";
      default -> "UNKNOWN";
    };
  }
}
