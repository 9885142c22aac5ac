package io.eventmall.query.search;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.eventmall.api.category.CategoryCreated;
import io.eventmall.api.order.OrderLine;
import io.eventmall.api.order.OrderPaid;
import io.eventmall.api.order.OrderPlaced;
import io.eventmall.api.order.OrderRefunded;
import io.eventmall.api.product.ProductCreated;
import io.eventmall.api.review.ReviewWritten;
import io.eventmall.api.product.ProductDelisted;
import io.eventmall.api.product.ProductDetailsChanged;
import io.eventmall.api.product.ProductListed;
import io.eventmall.api.product.ProductPriceChanged;
import io.eventmall.api.search.ProductSearchResult;
import io.eventmall.api.search.SearchProducts;
import java.io.IOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The product search index: one document per product with its text, category, shop, price, paid units
 * sold and rating; delisted products stay in the index flagged {@code listed=false}, which search filters
 * out. Paid units are recomputed from this projection's own order-line table (committed with the token),
 * so every write is an absolute value and a retried event changes nothing. Elasticsearch failures propagate:
 * the processor retries the event, never skips it.
 */
@Component
@ProcessingGroup(ProductSearchProjection.NAME)
public class ProductSearchProjection {

    public static final String NAME = "product-search";

    private final ElasticsearchClient elasticsearch;
    private final SearchIndex index;
    private final JdbcTemplate jdbc;
    private final ProductSearch search;

    ProductSearchProjection(ElasticsearchClient elasticsearch, SearchIndex productSearchIndex, JdbcTemplate jdbc,
                            ProductSearch search) {
        this.elasticsearch = elasticsearch;
        this.index = productSearchIndex;
        this.jdbc = jdbc;
        this.search = search;
    }

    @EventHandler
    void on(CategoryCreated event) {
        jdbc.update("""
                INSERT INTO product_search_category (category_id, name) VALUES (?, ?)
                ON CONFLICT (category_id) DO UPDATE SET name = EXCLUDED.name""", event.categoryId(), event.name());
    }

    @EventHandler
    void on(ProductCreated event, @Timestamp Instant at) throws IOException {
        String categoryName = jdbc.query("SELECT name FROM product_search_category WHERE category_id = ?",
                rs -> rs.next() ? rs.getString(1) : null, event.categoryId());
        ProductDocument document = new ProductDocument(event.productId(), event.name(), event.subtitle(),
                event.description(), event.categoryId(), categoryName, event.merchantId(), event.price(), 0, 0,
                true, at);
        elasticsearch.index(request -> request.index(index.requireWritable()).id(event.productId()).document(document));
    }

    @EventHandler
    void on(ProductDetailsChanged event) throws IOException {
        Map<String, Object> details = new HashMap<>();
        details.put("name", event.name());
        details.put("subtitle", event.subtitle());
        details.put("description", event.description());
        change(event.productId(), details);
    }

    @EventHandler
    void on(ProductPriceChanged event) throws IOException {
        change(event.productId(), Map.of("price", event.newPrice()));
    }

    @EventHandler
    void on(ProductListed event) throws IOException {
        change(event.productId(), Map.of("listed", true));
    }

    @EventHandler
    void on(ProductDelisted event) throws IOException {
        change(event.productId(), Map.of("listed", false));
    }

    @EventHandler
    void on(OrderPlaced event) {
        // An order whose OrderPaid carries its lines has them kept from there: an unpaid order sells nothing.
        if (!event.linesRepeatedWhenPaid()) {
            keepLines(event.orderId(), event.lines());
        }
    }

    @EventHandler
    void on(OrderPaid event) throws IOException {
        if (event.carriesLines()) {
            keepLines(event.orderId(), event.lines());
        }
        countPaidUnits(event.orderId(), true);
    }

    /** Kept once per line: a redelivered event finds them kept. */
    private void keepLines(String orderId, List<OrderLine> lines) {
        for (int lineNo = 0; lineNo < lines.size(); lineNo++) {
            jdbc.update("""
                    INSERT INTO product_search_order_line (order_id, line_no, product_id, units) VALUES (?, ?, ?, ?)
                    ON CONFLICT (order_id, line_no) DO NOTHING""",
                    orderId, lineNo, lines.get(lineNo).productId(), lines.get(lineNo).quantity());
        }
    }

    @EventHandler
    void on(OrderRefunded event) throws IOException {
        countPaidUnits(event.orderId(), false);
    }

    @EventHandler
    void on(ReviewWritten event) throws IOException {
        jdbc.update("""
                INSERT INTO product_search_review (review_id, product_id, rating) VALUES (?, ?, ?)
                ON CONFLICT (review_id) DO NOTHING""", event.reviewId(), event.productId(), event.rating());
        Double rating = jdbc.queryForObject(
                "SELECT coalesce(avg(rating), 0) FROM product_search_review WHERE product_id = ?", Double.class,
                event.productId());
        change(event.productId(), Map.of("rating", rating));
    }

    @ResetHandler
    void reset() throws IOException {
        jdbc.update("TRUNCATE product_search_order_line, product_search_category, product_search_review");
        index.recreate();
    }

    @QueryHandler
    ProductSearchResult handle(SearchProducts query) {
        return search.search(query);
    }

    /** Marks the order's lines paid or not, then writes each product's total of paid units. */
    private void countPaidUnits(String orderId, boolean paid) throws IOException {
        jdbc.update("UPDATE product_search_order_line SET paid = ? WHERE order_id = ?", paid, orderId);
        List<String> productIds = jdbc.queryForList(
                "SELECT DISTINCT product_id FROM product_search_order_line WHERE order_id = ?", String.class, orderId);
        for (String productId : productIds) {
            Long soldUnits = jdbc.queryForObject(
                    "SELECT coalesce(sum(units), 0) FROM product_search_order_line WHERE product_id = ? AND paid",
                    Long.class, productId);
            change(productId, Map.of("soldUnits", soldUnits));
        }
    }

    private void change(String productId, Map<String, Object> fields) throws IOException {
        elasticsearch.update(request -> request.index(index.requireWritable()).id(productId).doc(fields),
                ProductDocument.class);
    }
}
