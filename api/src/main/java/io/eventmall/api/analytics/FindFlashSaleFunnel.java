package io.eventmall.api.analytics;

/** The funnel of one flash sale, from purchase attempts to paid orders. */
public record FindFlashSaleFunnel(String flashSaleId) {
}
