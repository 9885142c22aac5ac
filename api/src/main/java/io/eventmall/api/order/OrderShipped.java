package io.eventmall.api.order;

public record OrderShipped(String orderId) {
}
