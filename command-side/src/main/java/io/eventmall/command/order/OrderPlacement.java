package io.eventmall.command.order;

import io.eventmall.api.RuleViolation;
import io.eventmall.api.address.ShippingAddress;
import io.eventmall.api.order.OrderLine;
import io.eventmall.api.order.OrderLineRequest;
import io.eventmall.api.order.OrderStatus;
import io.eventmall.api.order.PlaceFlashSaleOrder;
import io.eventmall.api.order.PlaceOrder;
import io.eventmall.command.AggregateReads;
import io.eventmall.command.Required;
import io.eventmall.command.coupon.CouponDiscounts;
import io.eventmall.command.inventory.StockReservations;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Places an order from the catalog's prices and the customer's address book, and reserves its stock in the same unit
 * of work: the order is committed accepted (awaiting payment) or rejected (a line is short), never left waiting for a
 * process to reserve. The Order aggregate cannot do this itself because the lines, the address and the stock live in
 * other aggregates.
 */
@Component
public class OrderPlacement {

    static final int MAX_LINES = 50;

    private final ProductQuotes products;
    private final ShippingAddresses addresses;
    private final StockReservations stock;
    private final PaymentWindow paymentWindow;
    private final Repository<Order> orderRepository;
    private final EventStore events;

    public OrderPlacement(ProductQuotes products, ShippingAddresses addresses, StockReservations stock,
                          PaymentWindow paymentWindow, Repository<Order> orderRepository, EventStore events) {
        this.products = products;
        this.addresses = addresses;
        this.stock = stock;
        this.paymentWindow = paymentWindow;
        this.orderRepository = orderRepository;
        this.events = events;
    }

    /**
     * Order ids derive from the client's Idempotency-Key, so a known id is a retry and gets the order's status now.
     * Answers AWAITING_PAYMENT or REJECTED: the placement decides the stock, so the caller need not ask a read model.
     * A coupon claim's discount is priced from the quoted lines (Axon injects {@code coupons}). An order with a line
     * short of stock is still placed, and rejected with the shortage as its reason (202, then REJECTED), as API.md has it.
     */
    @CommandHandler
    public OrderStatus handle(PlaceOrder command, CouponDiscounts coupons) throws Exception {
        if (isPlaced(command.orderId())) {
            return orderRepository.load(command.orderId()).invoke(Order::status);
        }
        Required.text("customerId", command.customerId());
        Required.text("addressId", command.addressId());
        requireOrderable(command.lines());
        List<OrderLine> lines = quote(command.lines());
        ShippingAddress shippingAddress = addresses.shipTo(command.addressId(), command.customerId());
        long discount = command.couponClaimId() == null ? 0
                : coupons.discountFor(command.couponClaimId(), command.customerId(), lines);
        Optional<RuleViolation> shortage = stock.reserveEvery(command.orderId(), lines);
        Order.Placement placement = new Order.Placement(command.orderId(), command.customerId(), lines, shippingAddress,
                command.fromCart(), command.couponClaimId(), discount);
        return orderRepository.newInstance(() -> shortage
                        .map(why -> Order.placedAndRejected(placement, why.refusal() + ": " + why.getMessage()))
                        .orElseGet(() -> Order.placedAndAccepted(placement, paymentWindow.closesAfterNow())))
                .invoke(Order::status);
    }

    /**
     * The order for units a flash sale admitted: named from the catalog, priced by the sale, and accepted at
     * once with the command's payment deadline (the sale already holds its units). Its id is fixed by the
     * purchase, so a redelivered purchase finds the order already placed.
     */
    @CommandHandler
    public String handle(PlaceFlashSaleOrder command) throws Exception {
        if (isPlaced(command.orderId())) {
            return command.orderId();
        }
        Required.text("customerId", command.customerId());
        Required.text("flashSaleId", command.flashSaleId());
        Required.positive("unitPrice", command.unitPrice());
        OrderLine catalogLine = products.quote(command.productId(), command.quantity());
        OrderLine saleLine = new OrderLine(catalogLine.productId(), catalogLine.productName(), command.unitPrice(),
                catalogLine.quantity(), catalogLine.merchantId());
        orderRepository.newInstance(() -> new Order(command.orderId(), command.customerId(), saleLine,
                command.flashSaleId(), command.purchaseId(), command.paymentDeadline()));
        return command.orderId();
    }

    /**
     * Asked of the event store's index rather than by loading the order: nearly every order asked about is a new one,
     * and a load that finds nothing throws (an exception with its stack trace per placed order, and a fifth of the
     * flash-sale order placement's CPU in the spike's profile).
     */
    private boolean isPlaced(String orderId) {
        return AggregateReads.lastSequenceNumber(events, orderId).isPresent();
    }

    private static void requireOrderable(List<OrderLineRequest> lines) {
        if (lines == null || lines.isEmpty()) {
            throw RuleViolation.invalid("an order needs at least one line");
        }
        if (lines.size() > MAX_LINES) {
            throw RuleViolation.invalid("an order has at most " + MAX_LINES + " lines, got " + lines.size());
        }
        Set<String> productIds = new HashSet<>();
        for (OrderLineRequest line : lines) {
            Required.text("productId", line.productId());
            if (!productIds.add(line.productId())) {
                throw RuleViolation.invalid("product " + line.productId() + " appears on more than one line");
            }
        }
    }

    /** Products are read without locking them (ProductQuotes): concurrent orders of one product do not queue. */
    private List<OrderLine> quote(List<OrderLineRequest> requests) {
        return requests.stream().map(request -> products.quote(request.productId(), request.quantity())).toList();
    }
}
