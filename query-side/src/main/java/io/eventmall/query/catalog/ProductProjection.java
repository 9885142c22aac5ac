package io.eventmall.query.catalog;

import io.eventmall.api.inventory.StockAdded;
import io.eventmall.api.inventory.StockReleased;
import io.eventmall.api.inventory.StockReserved;
import io.eventmall.api.inventory.StockReturned;
import io.eventmall.api.product.FindProduct;
import io.eventmall.api.product.ProductCreated;
import io.eventmall.api.product.ProductDelisted;
import io.eventmall.api.product.ProductDetailsChanged;
import io.eventmall.api.product.ProductListed;
import io.eventmall.api.product.ProductPriceChanged;
import io.eventmall.api.product.ProductView;
import java.time.Instant;
import java.util.Optional;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

/** Products with their current price, shelf state and available stock. */
@Component
@ProcessingGroup(ProductProjection.NAME)
public class ProductProjection {

    public static final String NAME = "products";

    private final ProductViewRepository products;

    ProductProjection(ProductViewRepository products) {
        this.products = products;
    }

    @EventHandler
    void on(ProductCreated event, @Timestamp Instant at) {
        products.save(new ProductEntity(event.productId(), event.merchantId(), event.categoryId(), event.name(),
                event.subtitle(), event.description(), event.images(), event.price(), at));
    }

    @EventHandler
    void on(ProductDetailsChanged event) {
        products.findById(event.productId()).ifPresent(product ->
                product.describe(event.name(), event.subtitle(), event.description(), event.images()));
    }

    @EventHandler
    void on(ProductPriceChanged event) {
        products.findById(event.productId()).ifPresent(product -> product.price(event.newPrice()));
    }

    @EventHandler
    void on(ProductListed event) {
        products.findById(event.productId()).ifPresent(product -> product.listed(true));
    }

    @EventHandler
    void on(ProductDelisted event) {
        products.findById(event.productId()).ifPresent(product -> product.listed(false));
    }

    @EventHandler
    void on(StockAdded event) {
        available(event.productId(), event.available());
    }

    @EventHandler
    void on(StockReserved event) {
        available(event.productId(), event.available());
    }

    @EventHandler
    void on(StockReleased event) {
        available(event.productId(), event.available());
    }

    @EventHandler
    void on(StockReturned event) {
        available(event.productId(), event.available());
    }

    @ResetHandler
    void reset() {
        products.deleteAllInBatch();
    }

    @QueryHandler
    Optional<ProductView> handle(FindProduct query) {
        return products.findById(query.productId()).map(ProductEntity::toView);
    }

    private void available(String productId, int available) {
        products.findById(productId).ifPresent(product -> product.available(available));
    }
}
