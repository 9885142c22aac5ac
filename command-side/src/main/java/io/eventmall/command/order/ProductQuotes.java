package io.eventmall.command.order;

import io.eventmall.api.Refusal;
import io.eventmall.api.RuleViolation;
import io.eventmall.api.order.OrderLine;
import io.eventmall.command.product.Product;
import io.eventmall.command.AggregateReads;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.stereotype.Component;

/**
 * Prices order lines from the catalog without locking the products. Placing an order only reads a product,
 * yet loading it through its repository locks it until the order is stored: every order of a popular product
 * then queued behind the others, each holding a database connection while it waited. Products are read through
 * {@link AggregateReads} instead (no lock, no replay while the product has not changed); a price change committed
 * meanwhile is simply not seen by an order placed in the same instant, as it would not be seen by an order placed
 * just before.
 */
@Component
public class ProductQuotes {

    private final AggregateReads<Product> products;

    public ProductQuotes(AggregateReads<Product> products) {
        this.products = products;
    }

    /** The line at the product's current price; NOT_FOUND for an unknown product. */
    public OrderLine quote(String productId, int quantity) {
        try {
            return products.read(productId, product -> product.quote(quantity));
        } catch (AggregateNotFoundException unknown) {
            throw new RuleViolation(Refusal.NOT_FOUND, "product " + productId + " does not exist");
        }
    }
}
