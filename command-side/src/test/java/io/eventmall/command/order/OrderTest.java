package io.eventmall.command.order;

import io.eventmall.api.Refusal;
import io.eventmall.api.address.ShippingAddress;
import io.eventmall.api.order.AcceptOrder;
import io.eventmall.api.order.CancelOrder;
import io.eventmall.api.order.CompleteOrder;
import io.eventmall.api.order.ExpireOrder;
import io.eventmall.api.order.MarkOrderPaid;
import io.eventmall.api.order.OrderAccepted;
import io.eventmall.api.order.OrderCancelled;
import io.eventmall.api.order.OrderCompleted;
import io.eventmall.api.order.OrderExpired;
import io.eventmall.api.order.OrderLine;
import io.eventmall.api.order.OrderPaid;
import io.eventmall.api.order.OrderPlaced;
import io.eventmall.api.order.OrderRefunded;
import io.eventmall.api.order.OrderRejected;
import io.eventmall.api.order.OrderShipped;
import io.eventmall.api.order.OrderStatus;
import io.eventmall.api.order.RefundOrder;
import io.eventmall.api.order.RejectOrder;
import io.eventmall.api.order.ShipOrder;
import io.eventmall.command.Refused;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.params.provider.EnumSource.Mode.EXCLUDE;

class OrderTest {

    private static final String ORDER = "order-1";
    private static final String CUSTOMER = "user-1";
    private static final long TOTAL = 2 * 1_000 + 2_500;
    private static final Instant DEADLINE = Instant.parse("2026-06-18T10:30:00Z");
    private static final ShippingAddress HOME =
            new ShippingAddress("Li Lei", "13800000000", "Zhejiang", "Hangzhou", "Xihu", "1 Lake Road", null);

    private static final OrderPlaced PLACED = new OrderPlaced(ORDER, CUSTOMER,
            List.of(new OrderLine("product-1", "Longjing", 1_000, 2), new OrderLine("product-2", "Teapot", 2_500, 1)),
            TOTAL, HOME, null, null, false);
    private static final OrderAccepted ACCEPTED = new OrderAccepted(ORDER, DEADLINE, false);
    private static final OrderPaid PAID = new OrderPaid(ORDER, "payment-1", TOTAL, CUSTOMER, PLACED.lines(), null);
    private static final OrderShipped SHIPPED = new OrderShipped(ORDER);

    private AggregateTestFixture<Order> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Order.class);
    }

    /** The shortest history that leaves the order in the given status. */
    private static Object[] historyReaching(OrderStatus status) {
        List<Object> history = new ArrayList<>(List.of(PLACED));
        switch (status) {
            case PENDING -> { }
            case REJECTED -> history.add(new OrderRejected(ORDER, "out of stock"));
            case CANCELLED -> history.add(new OrderCancelled(ORDER, CUSTOMER));
            case AWAITING_PAYMENT -> history.add(ACCEPTED);
            case EXPIRED -> history.addAll(List.of(ACCEPTED, new OrderExpired(ORDER)));
            case PAID -> history.addAll(List.of(ACCEPTED, PAID));
            case SHIPPED -> history.addAll(List.of(ACCEPTED, PAID, SHIPPED));
            case COMPLETED -> history.addAll(List.of(ACCEPTED, PAID, SHIPPED, new OrderCompleted(ORDER)));
            case REFUNDED -> history.addAll(List.of(ACCEPTED, PAID, new OrderRefunded(ORDER, TOTAL, "damaged", "payment-1", PLACED.lines())));
        }
        return history.toArray();
    }

    private void expectRefusedAsInvalidState(OrderStatus current, Object command) {
        fixture.given(historyReaching(current))
                .when(command)
                .expectNoEvents()
                .expectException(Refused.because(Refusal.INVALID_STATE))
                .expectExceptionMessage(containsString("is " + current + ","));
    }

    @Test
    void acceptsAPendingOrder() {
        fixture.given(historyReaching(OrderStatus.PENDING))
                .when(new AcceptOrder(ORDER, DEADLINE))
                .expectEvents(ACCEPTED);
    }

    @ParameterizedTest
    @EnumSource(value = OrderStatus.class, mode = EXCLUDE, names = {"PENDING", "AWAITING_PAYMENT"})
    void acceptsOnlyPendingOrders(OrderStatus current) {
        expectRefusedAsInvalidState(current, new AcceptOrder(ORDER, DEADLINE));
    }

    @Test
    void acceptingAgainWithTheSameDeadlineIsARedeliveryThatChangesNothing() {
        fixture.given(historyReaching(OrderStatus.AWAITING_PAYMENT))
                .when(new AcceptOrder(ORDER, DEADLINE))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void anAcceptedOrderIsNotAcceptedAgainWithAnotherDeadline() {
        fixture.given(historyReaching(OrderStatus.AWAITING_PAYMENT))
                .when(new AcceptOrder(ORDER, DEADLINE.plusSeconds(60)))
                .expectNoEvents()
                .expectException(Refused.because(Refusal.INVALID_STATE));
    }

    @Test
    void rejectingARejectedOrderAgainChangesNothing() {
        fixture.given(historyReaching(OrderStatus.REJECTED))
                .when(new RejectOrder(ORDER, "out of stock"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void expiringAnExpiredOrderAgainChangesNothing() {
        fixture.given(historyReaching(OrderStatus.EXPIRED))
                .when(new ExpireOrder(ORDER))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @ParameterizedTest
    @EnumSource(value = OrderStatus.class, names = {"PAID", "SHIPPED", "COMPLETED", "REFUNDED"})
    void thePaymentThatPaidTheOrderReportedAgainChangesNothing(OrderStatus current) {
        fixture.given(historyReaching(current))
                .when(new MarkOrderPaid(ORDER, "payment-1", TOTAL))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void refusesAcceptingWithoutPaymentDeadline() {
        fixture.given(historyReaching(OrderStatus.PENDING))
                .when(new AcceptOrder(ORDER, null))
                .expectNoEvents()
                .expectException(Refused.because(Refusal.VALIDATION_FAILED));
    }

    @Test
    void rejectsAPendingOrder() {
        fixture.given(historyReaching(OrderStatus.PENDING))
                .when(new RejectOrder(ORDER, "product-2: insufficient stock"))
                .expectEvents(new OrderRejected(ORDER, "product-2: insufficient stock"));
    }

    @ParameterizedTest
    @EnumSource(value = OrderStatus.class, mode = EXCLUDE, names = {"PENDING", "REJECTED"})
    void rejectsOnlyPendingOrders(OrderStatus current) {
        expectRefusedAsInvalidState(current, new RejectOrder(ORDER, "late"));
    }

    @ParameterizedTest
    @EnumSource(value = OrderStatus.class, names = {"PENDING", "AWAITING_PAYMENT"})
    void theCustomerCancelsAnUnpaidOrder(OrderStatus current) {
        fixture.given(historyReaching(current))
                .when(new CancelOrder(ORDER, CUSTOMER))
                .expectEvents(new OrderCancelled(ORDER, CUSTOMER));
    }

    @ParameterizedTest
    @EnumSource(value = OrderStatus.class, mode = EXCLUDE, names = {"PENDING", "AWAITING_PAYMENT"})
    void cancelsOnlyUnpaidOrders(OrderStatus current) {
        expectRefusedAsInvalidState(current, new CancelOrder(ORDER, CUSTOMER));
    }

    @Test
    void anotherUserCannotCancel() {
        fixture.given(historyReaching(OrderStatus.AWAITING_PAYMENT))
                .when(new CancelOrder(ORDER, "user-2"))
                .expectNoEvents()
                .expectException(Refused.because(Refusal.FORBIDDEN));
    }

    @Test
    void expiresAnOrderAwaitingPayment() {
        fixture.given(historyReaching(OrderStatus.AWAITING_PAYMENT))
                .when(new ExpireOrder(ORDER))
                .expectEvents(new OrderExpired(ORDER));
    }

    @ParameterizedTest
    @EnumSource(value = OrderStatus.class, mode = EXCLUDE, names = {"AWAITING_PAYMENT", "EXPIRED"})
    void expiresOnlyOrdersAwaitingPayment(OrderStatus current) {
        expectRefusedAsInvalidState(current, new ExpireOrder(ORDER));
    }

    @Test
    void marksThePaidTotal() {
        fixture.given(historyReaching(OrderStatus.AWAITING_PAYMENT))
                .when(new MarkOrderPaid(ORDER, "payment-1", TOTAL))
                .expectEvents(PAID);
    }

    @Test
    void refusesAPaymentOfAnotherAmount() {
        fixture.given(historyReaching(OrderStatus.AWAITING_PAYMENT))
                .when(new MarkOrderPaid(ORDER, "payment-1", TOTAL - 1))
                .expectNoEvents()
                .expectException(Refused.because(Refusal.VALIDATION_FAILED))
                .expectExceptionMessage(containsString(String.valueOf(TOTAL - 1)));
    }

    @ParameterizedTest
    @EnumSource(value = OrderStatus.class, mode = EXCLUDE, names = "AWAITING_PAYMENT")
    void marksPaidOnlyOrdersAwaitingPayment(OrderStatus current) {
        expectRefusedAsInvalidState(current, new MarkOrderPaid(ORDER, "payment-2", TOTAL));
    }

    @Test
    void shipsAPaidOrder() {
        fixture.given(historyReaching(OrderStatus.PAID))
                .when(new ShipOrder(ORDER))
                .expectEvents(SHIPPED);
    }

    @ParameterizedTest
    @EnumSource(value = OrderStatus.class, mode = EXCLUDE, names = "PAID")
    void shipsOnlyPaidOrders(OrderStatus current) {
        expectRefusedAsInvalidState(current, new ShipOrder(ORDER));
    }

    @Test
    void completesAShippedOrder() {
        fixture.given(historyReaching(OrderStatus.SHIPPED))
                .when(new CompleteOrder(ORDER))
                .expectEvents(new OrderCompleted(ORDER));
    }

    @ParameterizedTest
    @EnumSource(value = OrderStatus.class, mode = EXCLUDE, names = "SHIPPED")
    void completesOnlyShippedOrders(OrderStatus current) {
        expectRefusedAsInvalidState(current, new CompleteOrder(ORDER));
    }

    @ParameterizedTest
    @EnumSource(value = OrderStatus.class, names = {"PAID", "SHIPPED", "COMPLETED"})
    void refundsThePaidTotal(OrderStatus current) {
        fixture.given(historyReaching(current))
                .when(new RefundOrder(ORDER, "damaged"))
                .expectEvents(new OrderRefunded(ORDER, TOTAL, "damaged", "payment-1", PLACED.lines()));
    }

    @Test
    void aRefundedFlashSaleOrderPutsNothingBackOnTheShelf() {
        OrderPlaced flashSaleOrder = new OrderPlaced(ORDER, CUSTOMER, List.of(new OrderLine("product-1", "Longjing", 100, 1)),
                100, null, "sale-1", "purchase-1", false);
        fixture.given(flashSaleOrder, ACCEPTED, new OrderPaid(ORDER, "payment-1", 100))
                .when(new RefundOrder(ORDER, "damaged"))
                .expectEvents(new OrderRefunded(ORDER, 100, "damaged", "payment-1", List.of()));
    }

    @Test
    void anOrderAwaitingPaymentIsPayableByItsCustomerForItsTotal() {
        fixture.given(PLACED, ACCEPTED)
                .whenInvoking(ORDER, order -> order.requirePayable(CUSTOMER, TOTAL))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void anotherCustomerCannotPayTheOrder() {
        fixture.given(PLACED, ACCEPTED)
                .whenInvoking(ORDER, order -> order.requirePayable("someone-else", TOTAL))
                .expectException(Refused.because(Refusal.FORBIDDEN));
    }

    @Test
    void aPaymentMustMatchTheTotal() {
        fixture.given(PLACED, ACCEPTED)
                .whenInvoking(ORDER, order -> order.requirePayable(CUSTOMER, TOTAL - 1))
                .expectException(Refused.because(Refusal.VALIDATION_FAILED));
    }

    @ParameterizedTest
    @EnumSource(value = OrderStatus.class, mode = EXCLUDE, names = "AWAITING_PAYMENT")
    void onlyAnOrderAwaitingPaymentIsPayable(OrderStatus current) {
        fixture.given(historyReaching(current))
                .whenInvoking(ORDER, order -> order.requirePayable(CUSTOMER, TOTAL))
                .expectException(Refused.because(Refusal.INVALID_STATE));
    }

    @ParameterizedTest
    @EnumSource(value = OrderStatus.class, mode = EXCLUDE, names = {"PAID", "SHIPPED", "COMPLETED"})
    void refundsOnlyPaidOrders(OrderStatus current) {
        expectRefusedAsInvalidState(current, new RefundOrder(ORDER, "changed my mind"));
    }
}
