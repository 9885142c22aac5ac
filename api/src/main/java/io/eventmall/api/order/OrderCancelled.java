package io.eventmall.api.order;

public record OrderCancelled(String orderId, String cancelledBy) {
}
