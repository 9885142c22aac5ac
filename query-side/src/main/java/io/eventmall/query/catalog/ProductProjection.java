package io.eventmall.query.catalog;

import io.eventmall.api.inventory.StockAdded;
import io.eventmall.api.inventory.StockReleased;
import io.eventmall.api.inventory.StockReserved;
import io.eventmall.api.inventory.StockReturned;
import io.eventmall.api.product.FindListedProducts;
import io.eventmall.api.product.FindProduct;
import io.eventmall.api.product.FindProductDetail;
import io.eventmall.api.product.MerchantSummary;
import io.eventmall.api.product.ProductCreated;
import io.eventmall.api.product.ProductDelisted;
import io.eventmall.api.product.ProductDetail;
import io.eventmall.api.product.ProductDetailsChanged;
import io.eventmall.api.product.ProductListed;
import io.eventmall.api.product.ProductPriceChanged;
import io.eventmall.api.product.ProductView;
import io.eventmall.api.review.ReviewWritten;
import io.eventmall.query.paging.KeysetCursor;
import io.eventmall.api.product.ProductPage;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.data.domain.Limit;
import org.springframework.stereotype.Component;

/**
 * Products with their current price, shelf state, available stock and rating; the catalog pages and the
 * product page. Every change requests the eviction of the cached product page ({@link ProductPageEvictions}),
 * which happens once the change committed and is retried while Redis is down.
 */
@Component
@ProcessingGroup(ProductProjection.NAME)
public class ProductProjection {

    public static final String NAME = "products";

    private final ProductViewRepository products;
    private final MerchantViewRepository merchants;
    private final ProductDetailCache cache;
    private final ProductPageEvictions evictions;

    ProductProjection(ProductViewRepository products, MerchantViewRepository merchants, ProductDetailCache cache,
                      ProductPageEvictions evictions) {
        this.products = products;
        this.merchants = merchants;
        this.cache = cache;
        this.evictions = evictions;
    }

    @EventHandler
    void on(ProductCreated event, @Timestamp Instant at) {
        evictions.request(event.productId());
        products.save(new ProductEntity(event.productId(), event.merchantId(), event.categoryId(), event.name(),
                event.subtitle(), event.description(), event.images(), event.price(), at));
    }

    @EventHandler
    void on(ProductDetailsChanged event) {
        change(event.productId(), product ->
                product.describe(event.name(), event.subtitle(), event.description(), event.images()));
    }

    @EventHandler
    void on(ProductPriceChanged event) {
        change(event.productId(), product -> product.price(event.newPrice()));
    }

    @EventHandler
    void on(ProductListed event) {
        change(event.productId(), product -> product.listed(true));
    }

    @EventHandler
    void on(ProductDelisted event) {
        change(event.productId(), product -> product.listed(false));
    }

    @EventHandler
    void on(StockAdded event) {
        change(event.productId(), product -> product.available(event.available()));
    }

    @EventHandler
    void on(StockReserved event) {
        change(event.productId(), product -> product.available(event.available()));
    }

    @EventHandler
    void on(StockReleased event) {
        change(event.productId(), product -> product.available(event.available()));
    }

    @EventHandler
    void on(StockReturned event) {
        change(event.productId(), product -> product.available(event.available()));
    }

    /** Counted once: the token advances in the same transaction as the sum. */
    @EventHandler
    void on(ReviewWritten event) {
        change(event.productId(), product -> product.rated(event.rating()));
    }

    /** The cached pages go too: they show the read model that is about to be rebuilt. */
    @ResetHandler
    void reset() {
        products.deleteAllInBatch();
        cache.evictAll();
    }

    @QueryHandler
    Optional<ProductView> handle(FindProduct query) {
        return products.findById(query.productId()).map(ProductEntity::toView);
    }

    /** The loader behind {@link ProductDetailCache}: clients read the product page through the cache. */
    @QueryHandler
    Optional<ProductDetail> handle(FindProductDetail query) {
        return products.findById(query.productId()).map(product -> product.toDetail(
                merchants.findById(product.merchantId())
                        .map(merchant -> new MerchantSummary(merchant.toView().merchantId(), merchant.toView().name()))
                        .orElse(new MerchantSummary(product.merchantId(), null))));
    }

    @QueryHandler
    ProductPage handle(FindListedProducts query) {
        int size = KeysetCursor.pageSize(query.size());
        KeysetCursor after = KeysetCursor.startingAt(query.cursor());
        return KeysetCursor.pageOf(products.listedPage(query.categoryId(), query.merchantId(), after.at(), after.id(),
                        Limit.of(size + 1)), size, ProductEntity::toView,
                product -> new KeysetCursor(product.createdAt(), product.productId()), ProductPage::new);
    }

    private void change(String productId, Consumer<ProductEntity> change) {
        evictions.request(productId);
        products.findById(productId).ifPresent(change);
    }
}
