package io.eventmall.saga.flashsale;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventmall.api.Refusal;
import io.eventmall.api.RuleViolation;
import io.eventmall.api.flashsale.FlashSaleUnitsPurchased;
import io.eventmall.api.flashsale.ReturnFlashSaleUnits;
import io.eventmall.api.order.PlaceFlashSaleOrder;
import io.eventmall.saga.ProcessCommands;
import io.eventmall.saga.RecordingNotifications;
import io.eventmall.saga.order.PaymentTimeout;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.junit.jupiter.api.Test;

class FlashSaleOrderingTest {

    private static final Instant PURCHASED_AT = Instant.parse("2026-11-11T00:00:03Z");
    private static final FlashSaleUnitsPurchased PURCHASE = new FlashSaleUnitsPurchased("sale-1", "purchase-1",
            "order-1", "user-1", "pot", 1, 999, 9);

    private final List<Object> sent = new ArrayList<>();
    private final RecordingNotifications notifications = new RecordingNotifications();
    private final SimpleCommandBus bus = SimpleCommandBus.builder().build();
    private final FlashSaleOrdering ordering = new FlashSaleOrdering(
            new ProcessCommands(DefaultCommandGateway.builder().commandBus(bus).build(), Runnable::run), notifications,
            new PaymentTimeout(Duration.ofMinutes(30)));

    @Test
    void aPurchaseBecomesOneOrderAlreadyAwaitingPaymentUntilThePurchaseTimePlusTheTimeout() {
        bus.subscribe(PlaceFlashSaleOrder.class.getName(), command -> sent.add(command.getPayload()));
        ordering.on(PURCHASE, PURCHASED_AT);
        ordering.on(PURCHASE, PURCHASED_AT);
        PlaceFlashSaleOrder expected = new PlaceFlashSaleOrder("order-1", "user-1", "sale-1", "purchase-1", "pot", 1,
                999, PURCHASED_AT.plus(Duration.ofMinutes(30)));
        assertThat(sent).as("a redelivered purchase asks for exactly the same order").containsExactly(expected, expected);
        assertThat(notifications.kinds()).isEmpty();
    }

    @Test
    void aPurchaseThatCannotBecomeAnOrderGivesItsUnitsBackAndTellsTheBuyer() {
        bus.subscribe(PlaceFlashSaleOrder.class.getName(), command -> {
            throw new RuleViolation(Refusal.NOT_FOUND, "product pot does not exist");
        });
        bus.subscribe(ReturnFlashSaleUnits.class.getName(), command -> sent.add(command.getPayload()));
        ordering.on(PURCHASE, PURCHASED_AT);
        assertThat(sent).containsExactly(new ReturnFlashSaleUnits("sale-1", "purchase-1", "user-1"));
        assertThat(notifications.kinds()).containsExactly("FLASH_SALE_FAILED");
    }
}
