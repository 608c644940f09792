package io.github.aksdevsecops.app.items;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** In-memory item store, insertion ordered; every method is atomic with respect to the others. */
@Singleton
public class ItemStore {

  private final Map<String, Item> items = new LinkedHashMap<>();
  private final ItemsConfiguration configuration;
  private final Clock clock;
  private final Counter created;

  ItemStore(ItemsConfiguration configuration, MeterRegistry registry) {
    this.configuration = configuration;
    this.clock = Clock.systemUTC();
    // Exposed as item_creations_total. "items_created" cannot be used: the Prometheus client
    // strips the reserved "_created" suffix (OpenMetrics' counter creation timestamp).
    this.created =
        Counter.builder("item_creations")
            .description("Items created through the API")
            .register(registry);
  }

  /** Creates an item; empty when the store is at capacity. */
  public synchronized Optional<Item> create(ItemRequest request) {
    if (items.size() >= configuration.capacity()) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    Item item =
        new Item(UUID.randomUUID().toString(), request.name(), request.description(), now, now);
    items.put(item.id(), item);
    created.increment();
    return Optional.of(item);
  }

  public synchronized Optional<Item> find(String id) {
    return Optional.ofNullable(items.get(id));
  }

  public synchronized Optional<Item> update(String id, ItemRequest request) {
    Item old = items.get(id);
    if (old == null) {
      return Optional.empty();
    }
    Item updated =
        new Item(id, request.name(), request.description(), old.createdAt(), clock.instant());
    items.put(id, updated);
    return Optional.of(updated);
  }

  public synchronized boolean delete(String id) {
    return items.remove(id) != null;
  }

  /** Page numbers start at 0; a page beyond the end is empty, not an error. */
  public synchronized ItemPage page(int page, int size) {
    // Walks to the page instead of copying the whole store first: listing the first pages of a
    // full store (10,000 items by default) no longer copies all of it on every request.
    int total = items.size();
    long from = (long) page * size;
    List<Item> slice =
        from >= total ? List.of() : items.values().stream().skip(from).limit(size).toList();
    int totalPages = (total + size - 1) / size;
    return new ItemPage(slice, page, size, total, totalPages);
  }
}
