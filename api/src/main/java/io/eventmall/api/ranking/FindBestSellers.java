package io.eventmall.api.ranking;

/** Best sellers by paid units (refunds taken back), overall or of one category. Answers a list of {@link BestSeller}. */
public record FindBestSellers(String categoryId, int limit) {
}
