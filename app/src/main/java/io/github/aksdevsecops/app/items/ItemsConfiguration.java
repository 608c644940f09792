package io.github.aksdevsecops.app.items;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * Bounds of the in-memory store. The capacity bound keeps a flood of creates from exhausting the
 * heap; the page-size bound keeps one list request from serialising the whole store.
 */
@ConfigurationProperties("app.items")
public record ItemsConfiguration(
    @Bindable(defaultValue = "10000") @Min(1) @Max(1_000_000) int capacity,
    @Bindable(defaultValue = "20") @Min(1) @Max(100) int defaultPageSize,
    @Bindable(defaultValue = "100") @Min(1) @Max(1000) int maxPageSize) {}
