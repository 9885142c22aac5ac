package io.eventmall.api.search;

/** Products priced in [from, to); {@code to} is null for the open top range. Minor units. */
public record PriceRangeFacet(long from, Long to, long count) {
}
