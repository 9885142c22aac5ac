package io.eventmall.api.analytics;

import java.time.Instant;

/**
 * One bucket of sales: {@code orders} distinct paid orders, their {@code units} and {@code amount} paid after
 * discounts (minor units), less the orders refunded in the bucket. {@code time} is where the bucket starts,
 * null without an interval.
 */
public record SalesBucket(String key, Instant time, long orders, long units, long amount) {
}
