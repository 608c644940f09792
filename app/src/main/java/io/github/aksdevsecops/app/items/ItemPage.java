package io.github.aksdevsecops.app.items;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/** One page of items, ordered by creation. */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ItemPage(List<Item> items, int page, int size, long totalItems, int totalPages) {

  /** Immutable copy: a page is a snapshot of the store. */
  public ItemPage {
    items = List.copyOf(items);
  }
}
