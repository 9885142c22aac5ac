package io.eventmall.command.inventory;

import io.eventmall.api.RuleViolation;
import io.eventmall.api.inventory.InventoryId;
import io.eventmall.api.order.OrderLine;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;

/**
 * Reserves the lines of an order being placed, in the placement's own unit of work: every line or none. The
 * inventories are locked until that unit of work commits, always in product order, so that two orders sharing
 * products cannot each hold one the other waits for. Reserving at placement spares each order the fulfilment
 * process's round trips (a command per line, then one to accept the order), which were most of the pipeline's
 * work under load (docs/processes.md, "Throughput").
 */
@Component
public class StockReservations {

    private final Repository<Inventory> inventories;

    public StockReservations(Repository<Inventory> inventories) {
        this.inventories = inventories;
    }

    /**
     * Reserves every line for the order and answers empty, or reserves nothing and answers the first line's
     * shortage. Must run in a unit of work (a command handler's), for an order that is not placed yet.
     */
    public Optional<RuleViolation> reserveEvery(String orderId, List<OrderLine> lines) {
        List<OrderLine> inProductOrder = lines.stream().sorted(Comparator.comparing(OrderLine::productId)).toList();
        List<Aggregate<Inventory>> locked = new ArrayList<>();
        for (OrderLine line : inProductOrder) {
            Optional<Aggregate<Inventory>> inventory = load(line.productId());
            Optional<RuleViolation> shortage = inventory.isEmpty()
                    ? Inventory.shortageFor(line.productId(), orderId, line.quantity(), 0)
                    : inventory.get().invoke(stock -> stock.shortageFor(orderId, line.quantity()));
            if (shortage.isPresent()) {
                return shortage;
            }
            locked.add(inventory.get());
        }
        for (int i = 0; i < inProductOrder.size(); i++) {
            OrderLine line = inProductOrder.get(i);
            locked.get(i).execute(stock -> stock.reserveForNewOrder(line.productId(), orderId, line.quantity()));
        }
        return Optional.empty();
    }

    /** A product that was never stocked has no inventory: nothing to lock, nothing available. */
    private Optional<Aggregate<Inventory>> load(String productId) {
        try {
            return Optional.of(inventories.load(InventoryId.of(productId)));
        } catch (AggregateNotFoundException neverStocked) {
            return Optional.empty();
        }
    }
}
