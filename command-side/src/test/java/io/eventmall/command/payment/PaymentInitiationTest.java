package io.eventmall.command.payment;

import io.eventmall.api.Refusal;
import io.eventmall.api.order.OrderAccepted;
import io.eventmall.api.order.OrderLine;
import io.eventmall.api.order.OrderPlaced;
import io.eventmall.api.payment.PaymentRequested;
import io.eventmall.api.payment.RequestPayment;
import io.eventmall.command.InMemoryAggregates;
import io.eventmall.command.Refused;
import io.eventmall.command.order.Order;
import java.time.Instant;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Payment fixture runs PaymentInitiation against a real event-sourced Order. */
class PaymentInitiationTest {

    private static final String CUSTOMER = "user-1";

    private final InMemoryAggregates orders = new InMemoryAggregates();
    private AggregateTestFixture<Payment> fixture;

    @BeforeEach
    void setUp() {
        OrderPlaced placed = new OrderPlaced("order-1", CUSTOMER, List.of(new OrderLine("p", "Tea", 1_500, 3)), 4_500,
                null, null, null, false);
        orders.given(Order.class, "order-1", placed, new OrderAccepted("order-1", Instant.parse("2030-01-01T00:00:00Z")));
        orders.given(Order.class, "order-pending", new OrderPlaced("order-pending", CUSTOMER,
                List.of(new OrderLine("p", "Tea", 1_500, 1)), 1_500, null, null, null, false));
        fixture = new AggregateTestFixture<>(Payment.class);
        fixture.registerAnnotatedCommandHandler(new PaymentInitiation(orders.repository(Order.class), fixture.getRepository()));
    }

    @Test
    void requestsAPaymentForTheOrderTotal() {
        fixture.givenNoPriorActivity()
                .when(new RequestPayment("payment-1", "order-1", CUSTOMER, 4_500, "sbx-1"))
                .expectResultMessagePayload("payment-1")
                .expectEvents(new PaymentRequested("payment-1", "order-1", CUSTOMER, 4_500, "sbx-1"));
    }

    @Test
    void refusesAnOrderNotAwaitingPayment() {
        fixture.givenNoPriorActivity()
                .when(new RequestPayment("payment-1", "order-pending", CUSTOMER, 1_500, "sbx-1"))
                .expectNoEvents()
                .expectException(Refused.because(Refusal.INVALID_STATE));
    }

    @Test
    void refusesSomeoneElsesOrder() {
        fixture.givenNoPriorActivity()
                .when(new RequestPayment("payment-1", "order-1", "user-2", 4_500, "sbx-1"))
                .expectException(Refused.because(Refusal.FORBIDDEN));
    }

    @Test
    void refusesAnUnknownOrder() {
        fixture.givenNoPriorActivity()
                .when(new RequestPayment("payment-1", "order-x", CUSTOMER, 4_500, "sbx-1"))
                .expectException(Refused.because(Refusal.NOT_FOUND));
    }

    @Test
    void refusesAPaymentWithoutProviderReference() {
        fixture.givenNoPriorActivity()
                .when(new RequestPayment("payment-1", "order-1", CUSTOMER, 4_500, null))
                .expectException(Refused.because(Refusal.VALIDATION_FAILED));
    }
}
