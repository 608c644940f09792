package io.github.aksdevsecops.app.items;

import io.github.aksdevsecops.app.web.ProblemException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.Status;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import java.net.URI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** CRUD over items. Reads need the read scope, writes the write scope. */
@Controller(
    value = "/api/v1/items",
    produces = MediaType.APPLICATION_JSON,
    consumes = MediaType.APPLICATION_JSON)
class ItemsController {

  /** Ids are server-generated UUIDs; anything else cannot exist and is rejected before lookup. */
  static final String ID_PATTERN = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

  static final String ID_MESSAGE = "must be a lower-case UUID";

  /**
   * Writes are audited: what changed and who changed it, by Entra object id ({@code oid}, stable
   * across the caller's names and tokens), correlated with the trace by trace_id.
   */
  private static final Logger AUDIT = LoggerFactory.getLogger("audit.items");

  private final ItemStore store;
  private final ItemsConfiguration configuration;

  ItemsController(ItemStore store, ItemsConfiguration configuration) {
    this.store = store;
    this.configuration = configuration;
  }

  @Get
  @Secured(Scopes.READ)
  ItemPage list(
      @QueryValue(defaultValue = "0") @Min(0) @Max(1_000_000) int page,
      @QueryValue @Nullable @Min(1) Integer size) {
    int pageSize = size == null ? configuration.defaultPageSize() : size;
    if (pageSize > configuration.maxPageSize()) {
      throw new ProblemException(
          HttpStatus.BAD_REQUEST, "size must be at most " + configuration.maxPageSize());
    }
    return store.page(page, pageSize);
  }

  @Get("/{id}")
  @Secured(Scopes.READ)
  Item get(@PathVariable @Pattern(regexp = ID_PATTERN, message = ID_MESSAGE) String id) {
    return store.find(id).orElseThrow(() -> notFound(id));
  }

  @Post
  @Secured(Scopes.WRITE)
  HttpResponse<Item> create(@Body @Valid ItemRequest request, Authentication caller) {
    Item item =
        store
            .create(request)
            .orElseThrow(
                () ->
                    new ProblemException(
                        HttpStatus.INSUFFICIENT_STORAGE, "the item store is full"));
    AUDIT.info("item created id={} oid={} sub={}", item.id(), oid(caller), caller.getName());
    return HttpResponse.created(item, URI.create("/api/v1/items/" + item.id()));
  }

  @Put("/{id}")
  @Secured(Scopes.WRITE)
  Item update(
      @PathVariable @Pattern(regexp = ID_PATTERN, message = ID_MESSAGE) String id,
      @Body @Valid ItemRequest request,
      Authentication caller) {
    Item item = store.update(id, request).orElseThrow(() -> notFound(id));
    AUDIT.info("item updated id={} oid={} sub={}", id, oid(caller), caller.getName());
    return item;
  }

  @Delete("/{id}")
  @Secured(Scopes.WRITE)
  @Status(HttpStatus.NO_CONTENT)
  void delete(
      @PathVariable @Pattern(regexp = ID_PATTERN, message = ID_MESSAGE) String id,
      Authentication caller) {
    if (!store.delete(id)) {
      throw notFound(id);
    }
    AUDIT.info("item deleted id={} oid={} sub={}", id, oid(caller), caller.getName());
  }

  /** Entra's object id of the caller (user or workload); "-" for an issuer that sets none. */
  private static String oid(Authentication caller) {
    return caller.getAttributes().get("oid") instanceof String oid ? oid : "-";
  }

  private static ProblemException notFound(String id) {
    return new ProblemException(HttpStatus.NOT_FOUND, "no item with id " + id);
  }
}
