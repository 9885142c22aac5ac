package io.eventmall.api.order;

import java.time.Instant;

public record OrderHistoryEntry(OrderStatus status, Instant at, String note) {
}
