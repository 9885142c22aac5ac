package io.eventmall.api.order;

import java.util.List;

/**
 * The order was paid {@code amount} by payment {@code paymentId}. It carries what the read models of paid orders need
 * (the customer, the lines, the flash sale if any), so they act on paid orders alone instead of keeping every placed
 * order's lines until it is paid or given up. {@code customerId}, {@code lines} and {@code flashSaleId} are null in
 * events stored before it carried them; their {@link OrderPlaced} says so ({@code linesRepeatedWhenPaid} false) and
 * readers keep those orders' lines from it, as they used to.
 */
public record OrderPaid(String orderId, String paymentId, long amount, String customerId, List<OrderLine> lines,
                        String flashSaleId) {

    /** As paid before the event carried its order's lines. */
    public OrderPaid(String orderId, String paymentId, long amount) {
        this(orderId, paymentId, amount, null, null, null);
    }

    /** Whether the event carries its order's lines (false in events stored before it did). */
    public boolean carriesLines() {
        return lines != null;
    }
}
