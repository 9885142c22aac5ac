package io.eventmall.api.order;

import java.util.List;
import io.eventmall.api.address.ShippingAddress;

public record OrderPlaced(String orderId, String customerId, List<OrderLine> lines, long totalAmount, ShippingAddress shippingAddress, String flashSaleId, String purchaseId, boolean fromCart) {
}
