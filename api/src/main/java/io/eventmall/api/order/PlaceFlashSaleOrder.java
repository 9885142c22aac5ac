package io.eventmall.api.order;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record PlaceFlashSaleOrder(@TargetAggregateIdentifier String orderId, String customerId, String flashSaleId, String purchaseId, String productId, int quantity, long unitPrice) {
}
