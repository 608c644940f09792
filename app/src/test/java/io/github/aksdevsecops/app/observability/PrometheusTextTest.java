package io.github.aksdevsecops.app.observability;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class PrometheusTextTest {

  @Test
  void readsSampleNamesAndIgnoresComments() {
    String text =
        """
        # HELP auth_failures_total Rejected requests
        # TYPE auth_failures_total counter
        auth_failures_total{reason="missing_token",} 2.0
        process_cpu_usage 0.01
        http_server_requests_seconds_bucket{le="0.5",method="GET"} 3.0

        """;
    assertThat(PrometheusText.metricNames(text))
        .isEqualTo(
            Set.of(
                "auth_failures_total", "process_cpu_usage", "http_server_requests_seconds_bucket"));
  }
}
