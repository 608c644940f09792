package io.github.aksdevsecops.app.items;

import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/** A stored item as the API returns it. */
@Serdeable
public record Item(
    String id, String name, String description, Instant createdAt, Instant updatedAt) {}
