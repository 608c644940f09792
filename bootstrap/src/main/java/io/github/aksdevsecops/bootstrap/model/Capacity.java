package io.github.aksdevsecops.bootstrap.model;

import java.math.BigDecimal;

/**
 * What the platform's pods may request in an environment, as its file declares it: CPU in cores,
 * memory in bytes, and the number of nodes (each runs one pod of every DaemonSet). {@code cpuText}
 * and {@code memoryText} keep the quantities as written, for messages.
 */
public record Capacity(
    BigDecimal cpu,
    String cpuText,
    BigDecimal memory,
    String memoryText,
    int nodes,
    Source source) {}
