package io.github.aksdevsecops.app.items;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.aksdevsecops.app.support.Api;
import io.github.aksdevsecops.app.support.AppTestProperties;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ItemsApiTest implements AppTestProperties {

  @Inject EmbeddedServer server;
  @Inject MeterRegistry registry;
  @Inject JsonMapper json;
  Api api;

  @BeforeEach
  void setUp() {
    api = Api.on(server.getPort());
  }

  @Test
  void createReadUpdateDeleteRoundTrip() throws IOException {
    double before = registry.counter("item_creations").count();
    HttpResponse<String> created =
        api.call(
            "POST", "/api/v1/items", "items.write", "{\"name\":\"lamp\",\"description\":\"desk\"}");
    assertEquals(201, created.statusCode(), created.body());
    Item item = json.readValue(created.body(), Item.class);
    assertEquals("lamp", item.name());
    assertEquals(
        "/api/v1/items/" + item.id(), created.headers().firstValue("Location").orElseThrow());
    assertEquals(before + 1, registry.counter("item_creations").count());

    HttpResponse<String> read = api.call("GET", "/api/v1/items/" + item.id(), "items.read", null);
    assertEquals(200, read.statusCode());
    assertEquals(item, json.readValue(read.body(), Item.class));

    HttpResponse<String> updated =
        api.call("PUT", "/api/v1/items/" + item.id(), "items.write", "{\"name\":\"lamp 2\"}");
    assertEquals(200, updated.statusCode(), updated.body());
    assertEquals("lamp 2", json.readValue(updated.body(), Item.class).name());

    assertEquals(
        204, api.call("DELETE", "/api/v1/items/" + item.id(), "items.write", null).statusCode());
    HttpResponse<String> gone = api.call("GET", "/api/v1/items/" + item.id(), "items.read", null);
    assertEquals(404, gone.statusCode());
    assertTrue(gone.body().contains("no item with id " + item.id()), gone.body());
    assertEquals(
        404, api.call("DELETE", "/api/v1/items/" + item.id(), "items.write", null).statusCode());
  }

  @Test
  void listsInPagesOfTheRequestedSize() throws IOException {
    for (int i = 0; i < 5; i++) {
      api.call("POST", "/api/v1/items", "items.write", "{\"name\":\"page item " + i + "\"}");
    }
    ItemPage first =
        json.readValue(
            api.call("GET", "/api/v1/items?page=0&size=2", "items.read", null).body(),
            ItemPage.class);
    assertEquals(2, first.items().size());
    assertEquals(2, first.size());
    assertTrue(first.totalItems() >= 5);
    assertEquals((first.totalItems() + 1) / 2, first.totalPages());
    ItemPage beyond =
        json.readValue(
            api.call("GET", "/api/v1/items?page=9999&size=2", "items.read", null).body(),
            ItemPage.class);
    assertEquals(0, beyond.items().size());
  }

  @Test
  void rejectsOversizedPagesAndNegativePages() {
    HttpResponse<String> tooBig = api.call("GET", "/api/v1/items?size=101", "items.read", null);
    assertEquals(400, tooBig.statusCode());
    assertTrue(tooBig.body().contains("size must be at most 100"), tooBig.body());
    assertEquals(400, api.call("GET", "/api/v1/items?page=-1", "items.read", null).statusCode());
  }

  @Test
  void validationErrorsNameTheFieldWithoutInternals() {
    HttpResponse<String> response =
        api.call("POST", "/api/v1/items", "items.write", "{\"name\":\"bad\\u0007name\"}");
    assertEquals(400, response.statusCode(), response.body());
    assertTrue(response.body().contains("\"errors\":["), response.body());
    assertTrue(response.body().contains("name"), response.body());
  }

  @Test
  void rejectsIdsThatAreNotUuids() {
    HttpResponse<String> response =
        api.call("GET", "/api/v1/items/..%2F..%2Fetc", "items.read", null);
    assertTrue(response.statusCode() == 400 || response.statusCode() == 404, response.body());
  }
}
