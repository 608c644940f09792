package io.github.aksdevsecops.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

@MicronautTest
class HealthTest {

  @Inject
  @Client("/")
  HttpClient client;

  @Test
  void healthIsUpAndHidesDetails() {
    HttpResponse<String> response =
        client.toBlocking().exchange(HttpRequest.GET("/health"), String.class);
    assertEquals(200, response.code());
    String body = response.body();
    assertEquals(true, body.contains("\"status\":\"UP\""), body);
    assertFalse(body.contains("diskSpace"), "health details must not be visible anonymously");
  }
}
