package io.github.aksdevsecops.app.items;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Body of a create or update. Names are restricted to letters, digits and a little punctuation;
 * descriptions to anything but control characters (C0 and C1), bidirectional overrides, isolates
 * and marks, and line or paragraph separators, so that neither can forge log lines or make text
 * display differently from what it is. Messages describe the rule without echoing the pattern.
 */
@Serdeable
public record ItemRequest(
    @NotBlank
        @Size(max = 100)
        @Pattern(
            regexp = "[\\p{L}\\p{N} _.,:()/-]+",
            message = "must contain only letters, digits, spaces and _ . , : ( ) / -")
        String name,
    @Nullable
        @Size(max = 1000)
        @Pattern(
            regexp = "[^\\p{Cc}\\u200E\\u200F\\u202A-\\u202E\\u2066-\\u2069\\u2028\\u2029]*",
            message = "must not contain control, bidirectional-control or separator characters")
        String description) {}
