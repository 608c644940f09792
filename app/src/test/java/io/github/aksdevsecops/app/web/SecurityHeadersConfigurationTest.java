package io.github.aksdevsecops.app.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.exceptions.BeanContextException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SecurityHeadersConfigurationTest {

  private static final Map<String, Object> QUICK =
      Map.of("micronaut.lifecycle.graceful-shutdown.enabled", false, "app.shutdown.delay", "0s");

  @Test
  void refusesHeaderInjectionAndBlankValues() {
    for (Map<String, Object> bad :
        new Map[] {
          Map.of("app.security-headers.cache-control", "no-store\r\nSet-Cookie: a=b"),
          Map.of("app.security-headers.content-security-policy", " "),
          Map.of("app.security-headers.frame-options", "ALLOW-FROM https://evil.example")
        }) {
      try (ApplicationContext context =
          ApplicationContext.builder().properties(bad).properties(QUICK).start()) {
        assertThatThrownBy(() -> context.getBean(SecurityHeadersConfiguration.class))
            .isInstanceOf(BeanContextException.class)
            .message()
            .containsAnyOf("security-headers", "SecurityHeaders");
      }
    }
  }

  @Test
  void defaultsAreTheHardenedSet() {
    try (ApplicationContext context = ApplicationContext.builder().properties(QUICK).start()) {
      Map<String, String> headers = context.getBean(SecurityHeadersConfiguration.class).headers();
      assertThat(headers.get("Content-Security-Policy")).contains("default-src 'none'");
      assertThat(headers.get("X-Frame-Options")).isEqualTo("DENY");
      assertThat(headers.size() == 10).isTrue();
    }
  }
}
