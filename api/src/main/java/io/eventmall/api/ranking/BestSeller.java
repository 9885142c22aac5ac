package io.eventmall.api.ranking;

public record BestSeller(String productId, String name, long soldUnits) {
}
