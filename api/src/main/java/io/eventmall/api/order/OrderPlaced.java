package io.eventmall.api.order;

import java.util.List;
import io.eventmall.api.address.ShippingAddress;

/**
 * {@code totalAmount} is what the customer pays: the lines' sum less {@code discountAmount}, the discount of the
 * coupon claim {@code couponClaimId} (null and 0 without a coupon, and in events stored before coupons existed).
 * {@code stockDecidedAtPlacement}: the placement itself reserved every line, or found one short, and committed
 * {@code OrderAccepted} or {@code OrderRejected} with this event; false in events stored before placements reserved
 * (their stock is reserved by the fulfilment process) and for flash-sale orders (the sale holds their units).
 * {@code linesRepeatedWhenPaid}: the order's {@link OrderPaid} will carry its lines, so the read models of paid orders
 * need not keep them from here; false in events stored before OrderPaid carried them.
 */
public record OrderPlaced(String orderId, String customerId, List<OrderLine> lines, long totalAmount,
                          ShippingAddress shippingAddress, String flashSaleId, String purchaseId, boolean fromCart,
                          String couponClaimId, long discountAmount, boolean stockDecidedAtPlacement,
                          boolean linesRepeatedWhenPaid) {

    /** As placed before OrderPaid carried the order's lines. */
    public OrderPlaced(String orderId, String customerId, List<OrderLine> lines, long totalAmount,
                       ShippingAddress shippingAddress, String flashSaleId, String purchaseId, boolean fromCart,
                       String couponClaimId, long discountAmount, boolean stockDecidedAtPlacement) {
        this(orderId, customerId, lines, totalAmount, shippingAddress, flashSaleId, purchaseId, fromCart, couponClaimId,
                discountAmount, stockDecidedAtPlacement, false);
    }

    /** An order without a coupon whose stock the fulfilment process reserves (as placed before placements reserved). */
    public OrderPlaced(String orderId, String customerId, List<OrderLine> lines, long totalAmount,
                       ShippingAddress shippingAddress, String flashSaleId, String purchaseId, boolean fromCart) {
        this(orderId, customerId, lines, totalAmount, shippingAddress, flashSaleId, purchaseId, fromCart, null, 0, false,
                false);
    }

    /** An order whose stock the fulfilment process reserves (as placed before placements reserved). */
    public OrderPlaced(String orderId, String customerId, List<OrderLine> lines, long totalAmount,
                       ShippingAddress shippingAddress, String flashSaleId, String purchaseId, boolean fromCart,
                       String couponClaimId, long discountAmount) {
        this(orderId, customerId, lines, totalAmount, shippingAddress, flashSaleId, purchaseId, fromCart, couponClaimId,
                discountAmount, false, false);
    }
}
