package io.eventmall.api.order;

import java.util.List;

public record OrderRefunded(String orderId, long amount, String reason, String paymentId, List<OrderLine> restockedLines) {
}
