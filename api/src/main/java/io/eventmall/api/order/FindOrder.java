package io.eventmall.api.order;

public record FindOrder(String orderId) {
}
