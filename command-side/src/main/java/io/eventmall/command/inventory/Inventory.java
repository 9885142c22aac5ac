package io.eventmall.command.inventory;

import io.eventmall.api.Refusal;
import io.eventmall.api.RuleViolation;
import io.eventmall.api.inventory.AddStock;
import io.eventmall.api.inventory.CommitStock;
import io.eventmall.api.inventory.InventoryId;
import io.eventmall.api.inventory.ReleaseStock;
import io.eventmall.api.inventory.ReserveStock;
import io.eventmall.api.inventory.ReturnStock;
import io.eventmall.api.inventory.StockAdded;
import io.eventmall.api.inventory.StockCommitted;
import io.eventmall.api.inventory.StockReleased;
import io.eventmall.api.inventory.StockReserved;
import io.eventmall.api.inventory.StockReturned;
import io.eventmall.command.Required;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import java.util.Optional;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * The stock of one product. Every order's reservation is in the {@link InventoryLedger} (same transaction as the
 * events), so that the sagas may redeliver reserve, release, commit and return commands and each takes effect exactly
 * once, while the aggregate's own state stays what is available, however many orders it served.
 */
@Aggregate(cache = "aggregateCache", snapshotTriggerDefinition = "snapshotTrigger")
public class Inventory {

    @AggregateIdentifier
    private String inventoryId;
    private String productId;
    private int available;

    protected Inventory() {
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public int handle(AddStock command) {
        Required.text("productId", command.productId());
        Required.positive("quantity", command.quantity());
        if (command.quantity() > Integer.MAX_VALUE - available) {
            throw RuleViolation.invalid("adding " + command.quantity() + " units to " + available + " exceeds the largest stock");
        }
        apply(new StockAdded(command.productId(), command.quantity(), available + command.quantity()));
        return available;
    }

    /** A product that was never stocked has no inventory yet: it simply has nothing available. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(ReserveStock command, InventoryLedger ledger) {
        reserve(command.productId(), command.orderId(), command.quantity(), ledger);
    }

    /** Reserves the order's units, once per order: the order's reservation already made is a no-op. */
    private void reserve(String productId, String orderId, int quantity, InventoryLedger ledger) {
        Required.text("orderId", orderId);
        if (ledger.reservation(productId, orderId).isPresent()) {
            return;
        }
        reserveForNewOrder(productId, orderId, quantity);
    }

    /**
     * Reserves the units of an order whose stream does not exist yet, so it holds no reservation to look up in the
     * ledger: {@link StockReservations} reserves a placed order's lines in the placement's own unit of work.
     */
    public void reserveForNewOrder(String productId, String orderId, int quantity) {
        Required.positive("quantity", quantity);
        Optional<RuleViolation> shortage = shortageFor(productId, orderId, quantity, available);
        if (shortage.isPresent()) {
            throw shortage.get();
        }
        apply(new StockReserved(productId, orderId, quantity, available - quantity));
    }

    /** Why these units cannot be reserved now, if they cannot: the one rule of a reservation. */
    public Optional<RuleViolation> shortageFor(String orderId, int quantity) {
        return shortageFor(productId, orderId, quantity, available);
    }

    /** A product without an inventory has nothing available ({@link StockReservations} asks for one it cannot load). */
    static Optional<RuleViolation> shortageFor(String productId, String orderId, int quantity, int available) {
        if (available >= quantity) {
            return Optional.empty();
        }
        return Optional.of(new RuleViolation(Refusal.INSUFFICIENT_STOCK, "product " + productId + " has " + available
                + " units available, order " + orderId + " asked for " + quantity));
    }

    /** Compensation releases every line of a failed order, including lines whose reservation was refused: those hold nothing. */
    @CommandHandler
    public void handle(ReleaseStock command, InventoryLedger ledger) {
        Optional<InventoryLedger.Reservation> reservation = ledger.reservation(productId, command.orderId());
        if (reservation.isPresent() && isDue(command.orderId(), reservation.get(), ReservationStage.RELEASED)) {
            int quantity = reservation.get().quantity();
            apply(new StockReleased(productId, command.orderId(), quantity, available + quantity));
        }
    }

    @CommandHandler
    public void handle(CommitStock command, InventoryLedger ledger) {
        InventoryLedger.Reservation reservation = existing(ledger, command.orderId());
        if (isDue(command.orderId(), reservation, ReservationStage.COMMITTED)) {
            apply(new StockCommitted(productId, command.orderId(), reservation.quantity()));
        }
    }

    @CommandHandler
    public void handle(ReturnStock command, InventoryLedger ledger) {
        InventoryLedger.Reservation reservation = existing(ledger, command.orderId());
        if (isDue(command.orderId(), reservation, ReservationStage.RETURNED)) {
            apply(new StockReturned(productId, command.orderId(), reservation.quantity(),
                    available + reservation.quantity()));
        }
    }

    private InventoryLedger.Reservation existing(InventoryLedger ledger, String orderId) {
        return ledger.reservation(productId, orderId).orElseThrow(() ->
                RuleViolation.invalidState("order " + orderId + " holds no stock of product " + productId));
    }

    /** False when the order's reservation already went through that stage (a redelivered command), refused when it cannot get there. */
    private boolean isDue(String orderId, InventoryLedger.Reservation reservation, ReservationStage next) {
        if (reservation.stage().hasPassed(next)) {
            return false;
        }
        if (reservation.stage() != next.reachedFrom()) {
            throw RuleViolation.invalidState("stock of product " + productId + " for order " + orderId
                    + " is " + reservation.stage() + ", it cannot become " + next);
        }
        return true;
    }

    @EventSourcingHandler
    void on(StockAdded event) {
        inventoryId = InventoryId.of(event.productId());
        productId = event.productId();
        available = event.available();
    }

    @EventSourcingHandler
    void on(StockReserved event) {
        available = event.available();
    }

    @EventSourcingHandler
    void on(StockReleased event) {
        available = event.available();
    }

    @EventSourcingHandler
    void on(StockReturned event) {
        available = event.available();
    }
}
