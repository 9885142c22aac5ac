package io.eventmall.api.analytics;

import java.time.Instant;

/**
 * Sales figures between {@code from} (inclusive) and {@code to} (exclusive), per key of {@code groupBy}
 * (null: one key, {@code all}) and per {@code interval} (null: one bucket per key).
 */
public record FindSalesFigures(Instant from, Instant to, SalesInterval interval, SalesGrouping groupBy) {
}
