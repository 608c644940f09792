package io.github.aksdevsecops.app.items;

import static org.assertj.core.api.Assertions.assertThat;

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
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    Item item = json.readValue(created.body(), Item.class);
    assertThat(item.name()).isEqualTo("lamp");
    assertThat(created.headers().firstValue("Location").orElseThrow())
        .isEqualTo("/api/v1/items/" + item.id());
    assertThat(registry.counter("item_creations").count()).isEqualTo(before + 1);

    HttpResponse<String> read = api.call("GET", "/api/v1/items/" + item.id(), "items.read", null);
    assertThat(read.statusCode()).isEqualTo(200);
    assertThat(json.readValue(read.body(), Item.class)).isEqualTo(item);

    HttpResponse<String> updated =
        api.call("PUT", "/api/v1/items/" + item.id(), "items.write", "{\"name\":\"lamp 2\"}");
    assertThat(updated.statusCode()).as(updated.body()).isEqualTo(200);
    assertThat(json.readValue(updated.body(), Item.class).name()).isEqualTo("lamp 2");

    assertThat(api.call("DELETE", "/api/v1/items/" + item.id(), "items.write", null).statusCode())
        .isEqualTo(204);
    HttpResponse<String> gone = api.call("GET", "/api/v1/items/" + item.id(), "items.read", null);
    assertThat(gone.statusCode()).isEqualTo(404);
    assertThat(gone.body()).contains("no item with id " + item.id());
    assertThat(api.call("DELETE", "/api/v1/items/" + item.id(), "items.write", null).statusCode())
        .isEqualTo(404);
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
    assertThat(first.items().size()).isEqualTo(2);
    assertThat(first.size()).isEqualTo(2);
    assertThat(first.totalItems() >= 5).isTrue();
    assertThat(first.totalPages()).isEqualTo((first.totalItems() + 1) / 2);
    ItemPage beyond =
        json.readValue(
            api.call("GET", "/api/v1/items?page=9999&size=2", "items.read", null).body(),
            ItemPage.class);
    assertThat(beyond.items().size()).isEqualTo(0);
  }

  @Test
  void rejectsOversizedPagesAndNegativePages() {
    HttpResponse<String> tooBig = api.call("GET", "/api/v1/items?size=101", "items.read", null);
    assertThat(tooBig.statusCode()).isEqualTo(400);
    assertThat(tooBig.body()).contains("size must be at most 100");
    assertThat(api.call("GET", "/api/v1/items?page=-1", "items.read", null).statusCode())
        .isEqualTo(400);
  }

  @Test
  void validationErrorsNameTheFieldWithoutInternals() {
    HttpResponse<String> response =
        api.call("POST", "/api/v1/items", "items.write", "{\"name\":\"bad\\u0007name\"}");
    assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
    assertThat(response.body()).contains("\"errors\":[");
    assertThat(response.body()).contains("name");
  }

  @Test
  void rejectsIdsThatAreNotUuids() {
    HttpResponse<String> response =
        api.call("GET", "/api/v1/items/..%2F..%2Fetc", "items.read", null);
    assertThat(response.statusCode() == 400 || response.statusCode() == 404)
        .as(response.body())
        .isTrue();
  }
}
