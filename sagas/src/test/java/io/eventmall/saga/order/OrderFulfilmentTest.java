package io.eventmall.saga.order;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventmall.api.Refusal;
import io.eventmall.api.RuleViolation;
import io.eventmall.api.cart.SetCartItemQuantity;
import io.eventmall.api.flashsale.ReturnFlashSaleUnits;
import io.eventmall.api.inventory.CommitStock;
import io.eventmall.api.inventory.ReleaseStock;
import io.eventmall.api.inventory.ReserveStock;
import io.eventmall.api.order.AcceptOrder;
import io.eventmall.api.order.ExpireOrder;
import io.eventmall.api.order.OrderAccepted;
import io.eventmall.api.order.OrderCancelled;
import io.eventmall.api.order.OrderExpired;
import io.eventmall.api.order.OrderLine;
import io.eventmall.api.order.OrderPaid;
import io.eventmall.api.order.OrderPlaced;
import io.eventmall.api.order.OrderRejected;
import io.eventmall.api.order.RejectOrder;
import io.eventmall.saga.ProcessCommands;
import io.eventmall.saga.RecordingNotifications;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.test.saga.SagaTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OrderFulfilmentTest {

    private static final String ORDER = "order-1";
    private static final String CUSTOMER = "user-1";
    private static final Duration TIMEOUT = Duration.ofMinutes(30);
    private static final List<OrderLine> LINES = List.of(new OrderLine("tea", "Longjing", 1_000, 2),
            new OrderLine("pot", "Teapot", 2_500, 1));
    private static final OrderPlaced PLACED = new OrderPlaced(ORDER, CUSTOMER, LINES, 4_500, null, null, null, false);
    /** As placed today: the placement reserved the lines (or found one short) and says so in the same commit. */
    private static final OrderPlaced DECIDED_AT_PLACEMENT = new OrderPlaced(ORDER, CUSTOMER, LINES, 4_500, null, null,
            null, false, null, 0, true);
    private static final OrderPlaced FROM_CART = new OrderPlaced(ORDER, CUSTOMER, LINES, 4_500, null, null, null, true);
    private static final OrderPlaced FLASH_SALE_ORDER = new OrderPlaced(ORDER, CUSTOMER,
            List.of(new OrderLine("pot", "Teapot", 999, 1)), 999, null, "sale-1", "purchase-1", false);

    private SagaTestFixture<OrderFulfilment> fixture;
    private final RecordingNotifications notifications = new RecordingNotifications();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @BeforeEach
    void setUp() {
        fixture = new SagaTestFixture<>(OrderFulfilment.class);
        fixture.registerResource(new ProcessCommands(
                DefaultCommandGateway.builder().commandBus(fixture.getCommandBus()).build(), Runnable::run));
        fixture.registerResource(new PaymentTimeout(TIMEOUT));
        fixture.registerResource(notifications);
        fixture.registerResource(meters);
    }

    private Instant deadline() {
        return fixture.currentTime().plus(TIMEOUT);
    }

    @Test
    void reservesEveryLineThenAcceptsTheOrder() {
        fixture.givenNoPriorActivity()
                .whenPublishingA(PLACED)
                .expectActiveSagas(1)
                .expectDispatchedCommands(new ReserveStock("tea", ORDER, 2), new ReserveStock("pot", ORDER, 1),
                        new AcceptOrder(ORDER, deadline()))
                .expectNoScheduledDeadlines();
    }

    @Test
    void anAcceptedOrderAwaitsPaymentUntilItsDeadline() {
        fixture.givenAPublished(PLACED)
                .whenPublishingA(new OrderAccepted(ORDER, deadline()))
                .expectActiveSagas(1)
                .expectNoDispatchedCommands()
                .expectScheduledDeadlineWithName(deadline(), OrderFulfilment.PAYMENT_DEADLINE);
    }

    @Test
    void aRedeliveredOrderAcceptedSchedulesNoSecondDeadlineAndTellsNobodyTwice() {
        fixture.givenAPublished(FLASH_SALE_ORDER)
                .andThenAPublished(new OrderAccepted(ORDER, deadline()))
                .whenPublishingA(new OrderAccepted(ORDER, deadline()))
                .expectNoDispatchedCommands()
                .expectScheduledDeadlineWithName(deadline(), OrderFulfilment.PAYMENT_DEADLINE);
        assertThat(notifications.kinds()).containsExactly("FLASH_SALE_RESERVED");
    }

    @Test
    void aRedeliveredOrderPlacedAsksForTheSameReservationsAndTheSameDeadline() {
        // Each of these acts once: the inventory knows the order's reservation and the order its deadline.
        fixture.givenAPublished(PLACED)
                .whenPublishingA(PLACED)
                .expectActiveSagas(1)
                .expectDispatchedCommands(new ReserveStock("tea", ORDER, 2), new ReserveStock("pot", ORDER, 1),
                        new AcceptOrder(ORDER, deadline()));
    }

    @Test
    void anOrderCancelledWhileItsStockRanShortIsNotRejectedAndStallsNothing() {
        fixture.setCallbackBehavior((command, metaData) -> {
            if (command instanceof ReserveStock reserve && reserve.productId().equals("pot")) {
                throw new RuleViolation(Refusal.INSUFFICIENT_STOCK, "only 0 of pot available");
            }
            if (command instanceof RejectOrder) {
                throw RuleViolation.invalidState("order order-1 is CANCELLED, it cannot become REJECTED");
            }
            return null;
        });
        fixture.givenNoPriorActivity()
                .whenPublishingA(PLACED)
                .expectActiveSagas(0)
                .expectDispatchedCommands(new ReserveStock("tea", ORDER, 2), new ReserveStock("pot", ORDER, 1),
                        new ReleaseStock("tea", ORDER), new RejectOrder(ORDER, "INSUFFICIENT_STOCK: only 0 of pot available"))
                .expectNoScheduledDeadlines();
        assertThat(notifications.kinds()).isEmpty();
    }

    @Test
    void aRedeliveredPaymentFindsTheSagaEndedAndNotifiesOnce() {
        fixture.givenAPublished(PLACED)
                .andThenAPublished(new OrderAccepted(ORDER, deadline()))
                .andThenAPublished(new OrderPaid(ORDER, "payment-1", 4_500))
                .whenPublishingA(new OrderPaid(ORDER, "payment-1", 4_500))
                .expectActiveSagas(0)
                .expectNoDispatchedCommands();
        assertThat(notifications.kinds()).containsExactly("ORDER_ACCEPTED", "PAYMENT_RECEIVED");
    }

    @Test
    void aLineOutOfStockReleasesWhatWasReservedAndRejectsTheOrder() {
        fixture.setCallbackBehavior((command, metaData) -> {
            if (command instanceof ReserveStock reserve && reserve.productId().equals("pot")) {
                throw new RuleViolation(Refusal.INSUFFICIENT_STOCK, "only 0 of pot available");
            }
            return null;
        });
        fixture.givenNoPriorActivity()
                .whenPublishingA(PLACED)
                .expectActiveSagas(0)
                .expectDispatchedCommands(new ReserveStock("tea", ORDER, 2), new ReserveStock("pot", ORDER, 1),
                        new ReleaseStock("tea", ORDER), new RejectOrder(ORDER, "INSUFFICIENT_STOCK: only 0 of pot available"))
                .expectNoScheduledDeadlines();
        assertThat(notifications.kinds()).containsExactly("ORDER_REJECTED");
    }

    @Test
    void linesAreReservedTogetherAndOnlyWhatWasReservedIsReleasedWhenOneIsShort() {
        fixture.setCallbackBehavior((command, metaData) -> {
            if (command instanceof ReserveStock reserve && reserve.productId().equals("tea")) {
                throw new RuleViolation(Refusal.INSUFFICIENT_STOCK, "only 1 of tea available");
            }
            return null;
        });
        fixture.givenNoPriorActivity()
                .whenPublishingA(PLACED)
                .expectActiveSagas(0)
                .expectDispatchedCommands(new ReserveStock("tea", ORDER, 2), new ReserveStock("pot", ORDER, 1),
                        new ReleaseStock("pot", ORDER), new RejectOrder(ORDER, "INSUFFICIENT_STOCK: only 1 of tea available"));
    }

    @Test
    void anOrderCancelledBeforeItWasAcceptedGetsNoDeadline() {
        fixture.setCallbackBehavior((command, metaData) -> {
            if (command instanceof AcceptOrder) {
                throw RuleViolation.invalidState("order order-1 is CANCELLED, it cannot become AWAITING_PAYMENT");
            }
            return null;
        });
        fixture.givenNoPriorActivity()
                .whenPublishingA(PLACED)
                .expectActiveSagas(1)
                .expectNoScheduledDeadlines();
    }

    @Test
    void paymentCommitsTheReservationsAndEnds() {
        fixture.givenAPublished(PLACED)
                .whenPublishingA(new OrderPaid(ORDER, "payment-1", 4_500))
                .expectActiveSagas(0)
                .expectDispatchedCommands(new CommitStock("tea", ORDER), new CommitStock("pot", ORDER))
                .expectNoScheduledDeadlines();
        assertThat(notifications.kinds()).containsExactly("PAYMENT_RECEIVED");
    }

    @Test
    void theDeadlineExpiresAnUnpaidOrder() {
        fixture.givenAPublished(PLACED)
                .andThenAPublished(new OrderAccepted(ORDER, deadline()))
                .whenTimeElapses(TIMEOUT.plusSeconds(1))
                .expectTriggeredDeadlinesWithName(OrderFulfilment.PAYMENT_DEADLINE)
                .expectDispatchedCommands(new ExpireOrder(ORDER));
        assertThat(meters.counter(OrderFulfilment.DEADLINES_FIRED, "outcome", "expired").count()).isEqualTo(1);
    }

    @Test
    void aDeadlineThatFindsTheOrderPaidChangesNothing() {
        fixture.setCallbackBehavior((command, metaData) -> {
            if (command instanceof ExpireOrder) {
                throw RuleViolation.invalidState("order order-1 is PAID, it cannot become EXPIRED");
            }
            return null;
        });
        fixture.givenAPublished(PLACED)
                .andThenAPublished(new OrderAccepted(ORDER, deadline()))
                .whenTimeElapses(TIMEOUT.plusSeconds(1))
                .expectActiveSagas(1)
                .expectDispatchedCommands(new ExpireOrder(ORDER));
        assertThat(meters.counter(OrderFulfilment.DEADLINES_FIRED, "outcome", "already-settled").count()).isEqualTo(1);
    }

    @Test
    void anExpiredOrderReleasesItsStock() {
        fixture.givenAPublished(PLACED)
                .andThenAPublished(new OrderAccepted(ORDER, deadline()))
                .whenPublishingA(new OrderExpired(ORDER))
                .expectActiveSagas(0)
                .expectDispatchedCommands(new ReleaseStock("tea", ORDER), new ReleaseStock("pot", ORDER));
        assertThat(notifications.kinds()).containsExactly("ORDER_ACCEPTED", "ORDER_EXPIRED");
    }

    @Test
    void aCancelledOrderReleasesItsStockAndItsDeadline() {
        fixture.givenAPublished(PLACED)
                .whenPublishingA(new OrderCancelled(ORDER, CUSTOMER))
                .expectActiveSagas(0)
                .expectDispatchedCommands(new ReleaseStock("tea", ORDER), new ReleaseStock("pot", ORDER))
                .expectNoScheduledDeadlines();
    }

    @Test
    void aFlashSaleOrderReservesNoStockAndGivesItsUnitsBackToTheSaleOnExpiry() {
        fixture.givenNoPriorActivity()
                .whenPublishingA(FLASH_SALE_ORDER)
                .expectNoDispatchedCommands()
                .expectNoScheduledDeadlines();
        fixture.givenAPublished(FLASH_SALE_ORDER)
                .andThenAPublished(new OrderAccepted(ORDER, deadline()))
                .whenPublishingA(new OrderExpired(ORDER))
                .expectDispatchedCommands(new ReturnFlashSaleUnits("sale-1", "purchase-1", CUSTOMER));
    }

    @Test
    void aReservedFlashSaleOrderIsToldToItsBuyer() {
        fixture.givenAPublished(FLASH_SALE_ORDER)
                .whenPublishingA(new OrderAccepted(ORDER, deadline()))
                .expectNoDispatchedCommands()
                .expectScheduledDeadlineWithName(deadline(), OrderFulfilment.PAYMENT_DEADLINE);
        assertThat(notifications.kinds()).containsExactly("FLASH_SALE_RESERVED");
    }

    @Test
    void anAcceptedCheckoutTakesItsLinesOutOfTheCart() {
        fixture.givenAPublished(FROM_CART)
                .whenPublishingA(new OrderAccepted(ORDER, deadline()))
                .expectDispatchedCommands(new SetCartItemQuantity(CUSTOMER, "tea", 0),
                        new SetCartItemQuantity(CUSTOMER, "pot", 0));
    }

    @Test
    void anOrderDecidedAtPlacementIsLeftToItsNextEvent() {
        fixture.givenNoPriorActivity()
                .whenPublishingA(DECIDED_AT_PLACEMENT)
                .expectActiveSagas(1)
                .expectNoDispatchedCommands()
                .expectNoScheduledDeadlines();
    }

    @Test
    void anOrderAcceptedAtPlacementAwaitsPaymentWithoutACommand() {
        fixture.givenAPublished(DECIDED_AT_PLACEMENT)
                .whenPublishingA(new OrderAccepted(ORDER, deadline()))
                .expectNoDispatchedCommands()
                .expectScheduledDeadlineWithName(deadline(), OrderFulfilment.PAYMENT_DEADLINE);
        assertThat(notifications.kinds()).containsExactly("ORDER_ACCEPTED");
    }

    @Test
    void theLinesReservedAtPlacementAreCommittedWhenPaid() {
        fixture.givenAPublished(DECIDED_AT_PLACEMENT)
                .andThenAPublished(new OrderAccepted(ORDER, deadline()))
                .whenPublishingA(new OrderPaid(ORDER, "payment-1", 4_500))
                .expectActiveSagas(0)
                .expectDispatchedCommands(new CommitStock("tea", ORDER), new CommitStock("pot", ORDER))
                .expectNoScheduledDeadlines();
    }

    @Test
    void theLinesReservedAtPlacementAreReleasedWhenCancelledOrExpired() {
        fixture.givenAPublished(DECIDED_AT_PLACEMENT)
                .andThenAPublished(new OrderAccepted(ORDER, deadline()))
                .whenPublishingA(new OrderCancelled(ORDER, CUSTOMER))
                .expectActiveSagas(0)
                .expectDispatchedCommands(new ReleaseStock("tea", ORDER), new ReleaseStock("pot", ORDER))
                .expectNoScheduledDeadlines();
        fixture.givenAPublished(DECIDED_AT_PLACEMENT)
                .andThenAPublished(new OrderAccepted(ORDER, deadline()))
                .whenTimeElapses(TIMEOUT.plusSeconds(1))
                .expectDispatchedCommands(new ExpireOrder(ORDER));
        fixture.givenAPublished(DECIDED_AT_PLACEMENT)
                .andThenAPublished(new OrderAccepted(ORDER, deadline()))
                .whenPublishingA(new OrderExpired(ORDER))
                .expectDispatchedCommands(new ReleaseStock("tea", ORDER), new ReleaseStock("pot", ORDER));
    }

    @Test
    void aRedeliveredAcceptanceAtPlacementSchedulesOneDeadlineAndReleasesEachLineOnce() {
        fixture.givenAPublished(DECIDED_AT_PLACEMENT)
                .andThenAPublished(new OrderAccepted(ORDER, deadline()))
                .andThenAPublished(new OrderAccepted(ORDER, deadline()))
                .whenPublishingA(new OrderCancelled(ORDER, CUSTOMER))
                .expectDispatchedCommands(new ReleaseStock("tea", ORDER), new ReleaseStock("pot", ORDER))
                .expectNoScheduledDeadlines();
        assertThat(notifications.kinds()).containsExactly("ORDER_ACCEPTED");
    }

    @Test
    void anOrderRejectedAtPlacementIsToldToItsCustomerAndReleasesNothing() {
        fixture.givenAPublished(DECIDED_AT_PLACEMENT)
                .whenPublishingA(new OrderRejected(ORDER, "INSUFFICIENT_STOCK: product pot has 0 units available"))
                .expectActiveSagas(0)
                .expectNoDispatchedCommands()
                .expectNoScheduledDeadlines();
        assertThat(notifications.kinds()).containsExactly("ORDER_REJECTED");
    }
}
