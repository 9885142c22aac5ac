package io.eventmall.command.flashsale;

import io.eventmall.api.Refusal;
import io.eventmall.api.RuleViolation;
import io.eventmall.api.flashsale.FlashSaleScheduled;
import io.eventmall.api.flashsale.FlashSaleState;
import io.eventmall.api.flashsale.FlashSaleUnitsPurchased;
import io.eventmall.api.flashsale.FlashSaleUnitsReturned;
import io.eventmall.api.flashsale.PurchaseFlashSaleUnits;
import io.eventmall.api.flashsale.ReturnFlashSaleUnits;
import io.eventmall.api.flashsale.ScheduleFlashSale;
import io.eventmall.command.Required;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * The single authority on how many sale units are left: the Redis gate in front of it only thins the crowd, this
 * aggregate is what guarantees the sale never oversells nor lets a user exceed the per-user limit.
 */
@Aggregate(cache = "aggregateCache", snapshotTriggerDefinition = "snapshotTrigger")
public class FlashSale {

    @AggregateIdentifier
    private String flashSaleId;
    private String productId;
    private long price;
    private int perUserLimit;
    private Instant startsAt;
    private Instant endsAt;
    private int remaining;
    private final Map<String, Purchase> purchases = new HashMap<>();
    private final Map<String, Integer> unitsHeldByUser = new HashMap<>();

    @CommandHandler
    public FlashSale(ScheduleFlashSale command) {
        Required.text("productId", command.productId());
        Required.positive("price", command.price());
        Required.positive("quantity", command.quantity());
        Required.positive("perUserLimit", command.perUserLimit());
        Required.value("startsAt", command.startsAt());
        Required.value("endsAt", command.endsAt());
        if (!command.endsAt().isAfter(command.startsAt())) {
            throw RuleViolation.invalid("endsAt " + command.endsAt() + " must be after startsAt " + command.startsAt());
        }
        apply(new FlashSaleScheduled(command.flashSaleId(), command.productId(), command.price(), command.quantity(),
                command.perUserLimit(), command.startsAt(), command.endsAt()));
    }

    protected FlashSale() {
    }

    /** A purchase id comes from the buyer's Idempotency-Key, so a known one is a retry and is answered before any rule. */
    @CommandHandler
    public void handle(PurchaseFlashSaleUnits command) {
        if (purchases.containsKey(command.purchaseId())) {
            return;
        }
        Required.text("purchaseId", command.purchaseId());
        Required.text("userId", command.userId());
        Required.text("orderId", command.orderId());
        Required.positive("quantity", command.quantity());
        requireOngoing();
        int heldByUser = unitsHeldByUser.getOrDefault(command.userId(), 0);
        if (heldByUser + command.quantity() > perUserLimit) {
            throw new RuleViolation(Refusal.LIMIT_REACHED, "user " + command.userId() + " holds " + heldByUser
                    + " of at most " + perUserLimit + " units of flash sale " + flashSaleId);
        }
        if (remaining < command.quantity()) {
            throw new RuleViolation(Refusal.SOLD_OUT, "flash sale " + flashSaleId + " is sold out for this purchase: only "
                    + remaining + " left, " + command.quantity() + " asked for");
        }
        apply(new FlashSaleUnitsPurchased(flashSaleId, command.purchaseId(), command.orderId(), command.userId(),
                productId, command.quantity(), price, remaining - command.quantity()));
    }

    /** Sent when the purchase's order expires or is cancelled; redeliveries and unknown purchases change nothing. */
    @CommandHandler
    public void handle(ReturnFlashSaleUnits command) {
        Purchase purchase = purchases.get(command.purchaseId());
        if (purchase == null || purchase.returned()) {
            return;
        }
        apply(new FlashSaleUnitsReturned(flashSaleId, command.purchaseId(), purchase.userId(), purchase.quantity(),
                remaining + purchase.quantity()));
    }

    private void requireOngoing() {
        FlashSaleState state = FlashSaleState.at(GenericEventMessage.clock.instant(), startsAt, endsAt);
        if (state == FlashSaleState.UPCOMING) {
            throw new RuleViolation(Refusal.NOT_STARTED, "flash sale " + flashSaleId + " starts at " + startsAt);
        }
        if (state == FlashSaleState.ENDED) {
            throw new RuleViolation(Refusal.ENDED, "flash sale " + flashSaleId + " ended at " + endsAt);
        }
    }

    @EventSourcingHandler
    void on(FlashSaleScheduled event) {
        flashSaleId = event.flashSaleId();
        productId = event.productId();
        price = event.price();
        perUserLimit = event.perUserLimit();
        startsAt = event.startsAt();
        endsAt = event.endsAt();
        remaining = event.quantity();
    }

    @EventSourcingHandler
    void on(FlashSaleUnitsPurchased event) {
        remaining = event.remaining();
        purchases.put(event.purchaseId(), new Purchase(event.userId(), event.quantity(), false));
        unitsHeldByUser.merge(event.userId(), event.quantity(), Integer::sum);
    }

    @EventSourcingHandler
    void on(FlashSaleUnitsReturned event) {
        remaining = event.remaining();
        purchases.computeIfPresent(event.purchaseId(), (purchaseId, purchase) -> purchase.markedReturned());
        unitsHeldByUser.computeIfPresent(event.userId(), (userId, held) -> held == event.quantity() ? null : held - event.quantity());
    }

    private record Purchase(String userId, int quantity, boolean returned) {

        Purchase markedReturned() {
            return new Purchase(userId, quantity, true);
        }
    }
}
