package io.eventmall.command.flashsale;

import io.eventmall.api.Refusal;
import io.eventmall.api.RuleViolation;
import io.eventmall.api.flashsale.FlashSalePurchaseDecision;
import io.eventmall.api.flashsale.FlashSaleScheduled;
import io.eventmall.api.flashsale.FlashSaleState;
import io.eventmall.api.flashsale.FlashSaleUnitsPurchased;
import io.eventmall.api.flashsale.FlashSaleUnitsReturned;
import io.eventmall.api.flashsale.PurchaseFlashSaleUnits;
import io.eventmall.api.flashsale.PurchaseFlashSaleUnitsInBatch;
import io.eventmall.api.flashsale.ReturnFlashSaleUnits;
import io.eventmall.api.flashsale.ScheduleFlashSale;
import io.eventmall.command.Required;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * The single authority on how many sale units are left and on the per-user limit: the Redis gate in front of it only
 * thins the crowd, this aggregate is what guarantees the sale never oversells nor lets a user exceed the limit.
 * Its state is the sale's terms and what is left, nothing per buyer: which purchases were made and what each buyer
 * holds are asked of the {@link FlashSaleLedger}, written in the same transaction as the events.
 */
@Aggregate(cache = "aggregateCache", snapshotTriggerDefinition = "snapshotTrigger")
public class FlashSale {

    /** About 16 million hashes on average: seconds in a browser, beyond that a wall for people too. */
    public static final int MAX_PROOF_OF_WORK_BITS = 24;

    @AggregateIdentifier
    private String flashSaleId;
    private String productId;
    private long price;
    private int perUserLimit;
    private Instant startsAt;
    private Instant endsAt;
    private int remaining;

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
        if (command.proofOfWorkBits() < 0 || command.proofOfWorkBits() > MAX_PROOF_OF_WORK_BITS) {
            throw RuleViolation.invalid("proofOfWorkBits must be between 0 and " + MAX_PROOF_OF_WORK_BITS + ", was "
                    + command.proofOfWorkBits());
        }
        if (command.proofOfWorkBits() > 0 && !command.requirePurchaseToken()) {
            throw RuleViolation.invalid("a proof of work guards the purchase token: it needs requirePurchaseToken");
        }
        apply(new FlashSaleScheduled(command.flashSaleId(), command.productId(), command.price(), command.quantity(),
                command.perUserLimit(), command.startsAt(), command.endsAt(), command.requirePurchaseToken(),
                command.proofOfWorkBits()));
    }

    protected FlashSale() {
    }

    /** One purchase on its own: refused with the reason's code, as every rule below says. */
    @CommandHandler
    public void handle(PurchaseFlashSaleUnits command, FlashSaleLedger ledger) {
        FlashSalePurchaseDecision decision = decide(List.of(command), ledger).get(0);
        if (!decision.isAccepted()) {
            throw new RuleViolation(decision.refusal(), decision.reason());
        }
    }

    /** Many purchases in one unit of work; each is decided as if it came alone, in the batch's order. */
    @CommandHandler
    public List<FlashSalePurchaseDecision> handle(PurchaseFlashSaleUnitsInBatch command, FlashSaleLedger ledger) {
        return decide(command.purchases(), ledger);
    }

    /**
     * A purchase id comes from the buyer's Idempotency-Key, so a known one (in the ledger, or earlier in this batch)
     * is a retry and is accepted again before any rule, without a second event. What the ledger says is brought up
     * to date with this batch's own purchases as they are made, since its rows are only written at commit.
     */
    private List<FlashSalePurchaseDecision> decide(List<PurchaseFlashSaleUnits> purchases, FlashSaleLedger ledger) {
        Set<String> userIds = new HashSet<>();
        purchases.forEach(purchase -> userIds.add(purchase.userId()));
        userIds.remove(null);
        Set<String> made = new HashSet<>();
        Map<String, Integer> held = new HashMap<>();
        ledger.purchasesOf(flashSaleId, userIds).forEach((userId, theirs) -> theirs.forEach(purchase -> {
            made.add(purchase.purchaseId());
            if (!purchase.returned()) {
                held.merge(userId, purchase.quantity(), Integer::sum);
            }
        }));
        List<FlashSalePurchaseDecision> decisions = new ArrayList<>(purchases.size());
        for (PurchaseFlashSaleUnits purchase : purchases) {
            if (made.contains(purchase.purchaseId())) {
                decisions.add(FlashSalePurchaseDecision.accepted(purchase.purchaseId()));
                continue;
            }
            try {
                purchase(purchase, held.getOrDefault(purchase.userId(), 0));
                made.add(purchase.purchaseId());
                held.merge(purchase.userId(), purchase.quantity(), Integer::sum);
                decisions.add(FlashSalePurchaseDecision.accepted(purchase.purchaseId()));
            } catch (RuleViolation refused) {
                decisions.add(FlashSalePurchaseDecision.refused(purchase.purchaseId(), refused.refusal(),
                        refused.getMessage()));
            }
        }
        return decisions;
    }

    /** The rules, in the order the gate's script checks them too: input, window, per-user limit, units left. */
    private void purchase(PurchaseFlashSaleUnits command, int heldByUser) {
        Required.text("purchaseId", command.purchaseId());
        Required.text("userId", command.userId());
        Required.text("orderId", command.orderId());
        Required.positive("quantity", command.quantity());
        requireOngoing();
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
    public void handle(ReturnFlashSaleUnits command, FlashSaleLedger ledger) {
        if (command.userId() == null) {
            return;
        }
        FlashSaleLedger.Purchase purchase = ledger.purchasesOf(flashSaleId, List.of(command.userId()))
                .getOrDefault(command.userId(), List.of()).stream()
                .filter(made -> made.purchaseId().equals(command.purchaseId())).findFirst().orElse(null);
        if (purchase == null || purchase.returned()) {
            return;
        }
        apply(new FlashSaleUnitsReturned(flashSaleId, command.purchaseId(), command.userId(), purchase.quantity(),
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
    }

    @EventSourcingHandler
    void on(FlashSaleUnitsReturned event) {
        remaining = event.remaining();
    }
}
