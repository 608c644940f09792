package io.github.aksdevsecops.app.items;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Paging and capacity of the store itself, without the HTTP layer. */
class ItemStoreTest {

  private final ItemStore store =
      new ItemStore(new ItemsConfiguration(5, 20, 100), new SimpleMeterRegistry());

  @Test
  void pagesFollowInsertionOrderAndTheLastPageIsPartial() {
    for (int i = 1; i <= 5; i++) {
      store.create(new ItemRequest("item " + i, null));
    }

    assertThat(names(store.page(0, 2))).containsExactly("item 1", "item 2");
    assertThat(names(store.page(1, 2))).containsExactly("item 3", "item 4");
    ItemPage last = store.page(2, 2);
    assertThat(names(last)).containsExactly("item 5");
    assertThat(last.totalItems()).isEqualTo(5);
    assertThat(last.totalPages()).isEqualTo(3);
    assertThat(store.page(3, 2).items()).isEmpty();
  }

  @Test
  void aDeletedItemLeavesNoGapInThePages() {
    String second = null;
    for (int i = 1; i <= 4; i++) {
      Item item = store.create(new ItemRequest("item " + i, null)).orElseThrow();
      if (i == 2) {
        second = item.id();
      }
    }
    assertThat(store.delete(second)).isTrue();

    assertThat(names(store.page(0, 2))).containsExactly("item 1", "item 3");
    assertThat(names(store.page(1, 2))).containsExactly("item 4");
    assertThat(store.page(1, 2).totalPages()).isEqualTo(2);
  }

  @Test
  void refusesCreatesBeyondCapacity() {
    for (int i = 1; i <= 5; i++) {
      assertThat(store.create(new ItemRequest("item " + i, null))).isPresent();
    }
    assertThat(store.create(new ItemRequest("one too many", null))).isEmpty();
    assertThat(store.page(0, 100).totalItems()).isEqualTo(5);
  }

  private static List<String> names(ItemPage page) {
    return page.items().stream().map(Item::name).toList();
  }
}
