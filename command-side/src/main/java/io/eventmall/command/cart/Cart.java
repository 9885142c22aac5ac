package io.eventmall.command.cart;

import io.eventmall.api.RuleViolation;
import io.eventmall.api.cart.CartCleared;
import io.eventmall.api.cart.CartId;
import io.eventmall.api.cart.CartItemQuantitySet;
import io.eventmall.api.cart.CartItemRemoved;
import io.eventmall.api.cart.ClearCart;
import io.eventmall.api.cart.SetCartItemQuantity;
import io.eventmall.command.Required;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/** Setting a quantity states the wanted end result (PUT semantics), so repeating one changes nothing. */
@Aggregate(cache = "aggregateCache", snapshotTriggerDefinition = "snapshotTrigger")
public class Cart {

    private static final int MAX_QUANTITY_PER_ITEM = 999;

    @AggregateIdentifier
    private String cartId;
    private String userId;
    private final Map<String, Integer> quantityByProduct = new LinkedHashMap<>();

    protected Cart() {
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(SetCartItemQuantity command) {
        Required.text("userId", command.userId());
        Required.text("productId", command.productId());
        if (command.quantity() < 0 || command.quantity() > MAX_QUANTITY_PER_ITEM) {
            throw RuleViolation.invalid("quantity must be between 0 and " + MAX_QUANTITY_PER_ITEM + ", was " + command.quantity());
        }
        int current = quantityByProduct.getOrDefault(command.productId(), 0);
        if (command.quantity() == current) {
            return;
        }
        if (command.quantity() == 0) {
            apply(new CartItemRemoved(command.userId(), command.productId()));
        } else {
            apply(new CartItemQuantitySet(command.userId(), command.productId(), command.quantity()));
        }
    }

    @CommandHandler
    public void handle(ClearCart command) {
        if (!quantityByProduct.isEmpty()) {
            apply(new CartCleared(userId));
        }
    }

    @EventSourcingHandler
    void on(CartItemQuantitySet event) {
        cartId = CartId.of(event.userId());
        userId = event.userId();
        quantityByProduct.put(event.productId(), event.quantity());
    }

    @EventSourcingHandler
    void on(CartItemRemoved event) {
        quantityByProduct.remove(event.productId());
    }

    @EventSourcingHandler
    void on(CartCleared event) {
        quantityByProduct.clear();
    }
}
