package io.eventmall.api.order;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import java.util.List;

/** {@code couponClaimId} (optional) names one of the customer's coupon claims, whose discount the order takes. */
public record PlaceOrder(@TargetAggregateIdentifier String orderId, String customerId, List<OrderLineRequest> lines,
                         String addressId, boolean fromCart, String couponClaimId) {

    /** An order without a coupon. */
    public PlaceOrder(String orderId, String customerId, List<OrderLineRequest> lines, String addressId,
                      boolean fromCart) {
        this(orderId, customerId, lines, addressId, fromCart, null);
    }
}
