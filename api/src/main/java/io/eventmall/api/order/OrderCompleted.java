package io.eventmall.api.order;

public record OrderCompleted(String orderId) {
}
