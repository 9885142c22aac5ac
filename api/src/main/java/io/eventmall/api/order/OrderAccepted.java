package io.eventmall.api.order;

import java.time.Instant;

public record OrderAccepted(String orderId, Instant paymentDeadline) {
}
