package io.eventmall.api.ranking;

/** Shops by paid sales (refunds taken back). Answers a list of {@link TopMerchant}. */
public record FindTopMerchants(int limit) {
}
