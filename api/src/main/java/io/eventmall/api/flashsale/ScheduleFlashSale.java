package io.eventmall.api.flashsale;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import java.time.Instant;

public record ScheduleFlashSale(@TargetAggregateIdentifier String flashSaleId, String productId, long price, int quantity, int perUserLimit, Instant startsAt, Instant endsAt) {
}
