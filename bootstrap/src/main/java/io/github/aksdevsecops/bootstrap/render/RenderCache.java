package io.github.aksdevsecops.bootstrap.render;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * A small least-recently-used cache for a process: chart renders by their exact inputs and parses
 * by their exact text. Environments (and repeated validations in one process) share what is the
 * same; the keys are content, so nothing stale can be returned.
 */
final class RenderCache<K, V> {
  private final Map<K, V> entries;

  RenderCache(int capacity) {
    this.entries =
        new LinkedHashMap<>(16, 0.75f, true) {
          private static final long serialVersionUID = 1L;

          @Override
          protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
            return size() > capacity;
          }
        };
  }

  synchronized V get(K key, Function<K, V> compute) {
    V value = entries.get(key);
    if (value == null) {
      value = compute.apply(key);
      entries.put(key, value);
    }
    return value;
  }
}
