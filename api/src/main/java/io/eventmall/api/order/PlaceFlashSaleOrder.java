package io.eventmall.api.order;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The order for units a flash sale admitted; it awaits payment until {@code paymentDeadline} from the start. */
public record PlaceFlashSaleOrder(@TargetAggregateIdentifier String orderId, String customerId, String flashSaleId,
                                  String purchaseId, String productId, int quantity, long unitPrice,
                                  Instant paymentDeadline) {
}
