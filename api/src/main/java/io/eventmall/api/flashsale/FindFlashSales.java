package io.eventmall.api.flashsale;

/** Flash sales in one state at the time of asking, soonest first. Answers a list of {@link FlashSaleView}. */
public record FindFlashSales(FlashSaleState state, int limit) {
}
