package io.eventmall.api.analytics;

import java.util.List;

/** The answer to {@link FindSalesFigures}: buckets by time, then key. */
public record SalesFigures(List<SalesBucket> buckets) {
}
