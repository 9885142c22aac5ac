package io.eventmall.api.order;

import java.util.List;
import io.eventmall.api.address.ShippingAddress;

/**
 * {@code totalAmount} is what the customer pays: the lines' sum less {@code discountAmount}, the discount of the
 * coupon claim {@code couponClaimId} (null and 0 without a coupon, and in events stored before coupons existed).
 */
public record OrderPlaced(String orderId, String customerId, List<OrderLine> lines, long totalAmount,
                          ShippingAddress shippingAddress, String flashSaleId, String purchaseId, boolean fromCart,
                          String couponClaimId, long discountAmount) {

    /** An order without a coupon. */
    public OrderPlaced(String orderId, String customerId, List<OrderLine> lines, long totalAmount,
                       ShippingAddress shippingAddress, String flashSaleId, String purchaseId, boolean fromCart) {
        this(orderId, customerId, lines, totalAmount, shippingAddress, flashSaleId, purchaseId, fromCart, null, 0);
    }
}
