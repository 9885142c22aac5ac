package io.eventmall.api.flashsale;

import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Many purchases of one sale decided in one unit of work and one event-store transaction: the sale's single writer
 * sends them once they passed the gate. The answer is one {@link FlashSalePurchaseDecision} per purchase, in order;
 * a refused purchase refuses only itself.
 */
public record PurchaseFlashSaleUnitsInBatch(@TargetAggregateIdentifier String flashSaleId,
                                            List<PurchaseFlashSaleUnits> purchases) {
}
