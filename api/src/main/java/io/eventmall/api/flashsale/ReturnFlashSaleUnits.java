package io.eventmall.api.flashsale;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Gives a purchase's units back to its sale (its order expired or was cancelled); the buyer is who made it. */
public record ReturnFlashSaleUnits(@TargetAggregateIdentifier String flashSaleId, String purchaseId, String userId) {
}
