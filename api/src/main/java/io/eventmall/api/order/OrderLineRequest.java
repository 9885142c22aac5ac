package io.eventmall.api.order;

public record OrderLineRequest(String productId, int quantity) {
}
