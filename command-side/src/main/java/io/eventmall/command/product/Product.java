package io.eventmall.command.product;

import io.eventmall.api.Money;
import io.eventmall.api.Refusal;
import io.eventmall.api.RuleViolation;
import io.eventmall.api.order.OrderLine;
import io.eventmall.api.product.CreateProduct;
import io.eventmall.api.product.DelistProduct;
import io.eventmall.api.product.ListProduct;
import io.eventmall.api.product.ProductCreated;
import io.eventmall.api.product.ProductDelisted;
import io.eventmall.api.product.ProductDetailsChanged;
import io.eventmall.api.product.ProductListed;
import io.eventmall.api.product.ProductPriceChanged;
import io.eventmall.api.product.UpdateProduct;
import io.eventmall.command.Required;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.util.List;
import java.util.Objects;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

@Aggregate(cache = "aggregateCache", snapshotTriggerDefinition = "snapshotTrigger")
public class Product {

    @AggregateIdentifier
    private String productId;
    /** The shop selling it: order lines record it, so that orders know their shops. */
    private String merchantId;
    private Details details;
    private long price;
    private boolean listed;

    @CommandHandler
    public Product(CreateProduct command) {
        Required.text("merchantId", command.merchantId());
        Required.text("categoryId", command.categoryId());
        Details described = new Details(command.name(), command.subtitle(), command.description(), imagesOrNone(command.images()));
        requireShowable(described);
        requireSellable(command.price());
        apply(new ProductCreated(command.productId(), command.merchantId(), command.categoryId(),
                described.name(), described.subtitle(), described.description(), described.images(), command.price()));
    }

    protected Product() {
    }

    /** Fields left null keep their current value, so a client can change the price without resending the details. */
    @CommandHandler
    public void handle(UpdateProduct command) {
        Details updated = new Details(
                requestedOrCurrent(command.name(), details.name()),
                requestedOrCurrent(command.subtitle(), details.subtitle()),
                requestedOrCurrent(command.description(), details.description()),
                requestedOrCurrent(command.images(), details.images()));
        requireShowable(updated);
        long newPrice = requestedOrCurrent(command.price(), price);
        requireSellable(newPrice);
        if (!updated.equals(details)) {
            apply(new ProductDetailsChanged(productId, updated.name(), updated.subtitle(), updated.description(), updated.images()));
        }
        if (newPrice != price) {
            apply(new ProductPriceChanged(productId, price, newPrice));
        }
    }

    @CommandHandler
    public void handle(ListProduct command) {
        if (listed) {
            throw RuleViolation.invalidState("product " + productId + " is already listed");
        }
        apply(new ProductListed(productId));
    }

    @CommandHandler
    public void handle(DelistProduct command) {
        if (!listed) {
            throw RuleViolation.invalidState("product " + productId + " is already delisted");
        }
        apply(new ProductDelisted(productId));
    }

    /** The order is priced here, from the catalog, never from what the client sent. */
    public OrderLine quote(int quantity) {
        if (quantity < 1) {
            throw RuleViolation.invalid("quantity of product " + productId + " must be at least 1, was " + quantity);
        }
        if (!listed) {
            throw new RuleViolation(Refusal.NOT_LISTED, "product " + productId + " is not on sale");
        }
        return new OrderLine(productId, details.name(), price, quantity, merchantId);
    }

    private static <T> T requestedOrCurrent(T requested, T current) {
        return requested == null ? current : requested;
    }

    private static List<String> imagesOrNone(List<String> images) {
        return images == null ? List.of() : images;
    }

    private static void requireShowable(Details details) {
        Required.text("name", details.name());
        if (details.images().stream().anyMatch(Objects::isNull)) {
            throw RuleViolation.invalid("images must not contain null entries");
        }
    }

    private static void requireSellable(long price) {
        Required.positive("price", price);
        if (price > Money.MAX_AMOUNT) {
            throw RuleViolation.invalid("price must be at most " + Money.MAX_AMOUNT + " minor units, was " + price);
        }
    }

    @EventSourcingHandler
    void on(ProductCreated event) {
        productId = event.productId();
        merchantId = event.merchantId();
        details = new Details(event.name(), event.subtitle(), event.description(), List.copyOf(event.images()));
        price = event.price();
        listed = true;
    }

    @EventSourcingHandler
    void on(ProductDetailsChanged event) {
        details = new Details(event.name(), event.subtitle(), event.description(), List.copyOf(event.images()));
    }

    @EventSourcingHandler
    void on(ProductPriceChanged event) {
        price = event.newPrice();
    }

    @EventSourcingHandler
    void on(ProductListed event) {
        listed = true;
    }

    @EventSourcingHandler
    void on(ProductDelisted event) {
        listed = false;
    }

    private record Details(String name, String subtitle, String description, List<String> images) {
    }
}
