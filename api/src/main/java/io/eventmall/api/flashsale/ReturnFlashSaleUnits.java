package io.eventmall.api.flashsale;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record ReturnFlashSaleUnits(@TargetAggregateIdentifier String flashSaleId, String purchaseId) {
}
