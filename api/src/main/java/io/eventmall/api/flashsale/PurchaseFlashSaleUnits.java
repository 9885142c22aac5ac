package io.eventmall.api.flashsale;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record PurchaseFlashSaleUnits(@TargetAggregateIdentifier String flashSaleId, String purchaseId, String userId, int quantity, String orderId) {
}
