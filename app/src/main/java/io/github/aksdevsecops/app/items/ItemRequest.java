package io.github.aksdevsecops.app.items;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Body of a create or update. Names are restricted to printable characters so that they can never
 * carry control characters into logs or downstream systems.
 */
@Serdeable
public record ItemRequest(
    @NotBlank @Size(max = 100) @Pattern(regexp = "[\\p{L}\\p{N} _.,:()/-]+") String name,
    @Nullable @Size(max = 1000) @Pattern(regexp = "[^\\p{Cntrl}]*") String description) {}
