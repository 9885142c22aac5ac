package io.eventmall.query.search;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import io.eventmall.api.order.OrderLine;
import io.eventmall.api.order.OrderPaid;
import io.eventmall.api.order.OrderPlaced;
import io.eventmall.api.order.OrderRefunded;
import io.eventmall.api.product.ProductCreated;
import java.io.IOException;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The sales index for analysts ({@link SaleDocument}, docs/analytics.md): a document per paid order line at
 * its payment time, and a negated one per line at its refund's time. A paid order's lines (from its OrderPaid; from
 * its OrderPlaced for an order placed before OrderPaid carried them) go to this projection's own table with their
 * share of the paid amount, for a refund; the product's
 * category and shop come from its own product table. Document ids are {@code <orderId>-<lineNo>} and
 * {@code <orderId>-<lineNo>-refund}, so a retried event rewrites the same documents.
 */
@Component
@ProcessingGroup(SalesProjection.NAME)
public class SalesProjection {

    public static final String NAME = "sales-analytics";

    private final ElasticsearchClient elasticsearch;
    private final SearchIndex index;
    private final JdbcTemplate jdbc;

    SalesProjection(ElasticsearchClient elasticsearch, SearchIndex salesIndex, JdbcTemplate jdbc) {
        this.elasticsearch = elasticsearch;
        this.index = salesIndex;
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(ProductCreated event) {
        jdbc.update("""
                INSERT INTO sales_product (product_id, category_id, merchant_id) VALUES (?, ?, ?)
                ON CONFLICT (product_id) DO NOTHING""", event.productId(), event.categoryId(), event.merchantId());
    }

    /** Only an order whose OrderPaid will not carry its lines (placed before it did) keeps them from here. */
    @EventHandler
    void on(OrderPlaced event) {
        if (!event.linesRepeatedWhenPaid()) {
            keepLines(event.orderId(), event.customerId(), event.lines(), event.flashSaleId());
        }
    }

    /** Kept once per line: a redelivered event finds them kept. */
    private void keepLines(String orderId, String customerId, List<OrderLine> lines, String flashSaleId) {
        for (int lineNo = 0; lineNo < lines.size(); lineNo++) {
            OrderLine line = lines.get(lineNo);
            jdbc.update("""
                    INSERT INTO sales_order_line (order_id, line_no, customer_id, product_id, units, amount, flash_sale,
                                                  flash_sale_id)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (order_id, line_no) DO NOTHING""",
                    orderId, lineNo, customerId, line.productId(), line.quantity(), line.lineAmount(),
                    flashSaleId != null, flashSaleId);
        }
    }

    /** Shares the paid amount over the lines in proportion to their list amounts; the last line takes the rest. */
    @EventHandler
    void on(OrderPaid event, @Timestamp Instant paidAt) throws IOException {
        if (event.carriesLines()) {
            keepLines(event.orderId(), event.customerId(), event.lines(), event.flashSaleId());
        }
        List<Long> listAmounts = jdbc.queryForList(
                "SELECT amount FROM sales_order_line WHERE order_id = ? ORDER BY line_no", Long.class, event.orderId());
        if (listAmounts.isEmpty()) {
            return;
        }
        long listTotal = listAmounts.stream().mapToLong(Long::longValue).sum();
        long shared = 0;
        for (int lineNo = 0; lineNo < listAmounts.size(); lineNo++) {
            long share = lineNo == listAmounts.size() - 1 ? event.amount() - shared
                    : listTotal == 0 ? 0 : BigInteger.valueOf(event.amount()).multiply(BigInteger.valueOf(listAmounts.get(lineNo)))
                            .divide(BigInteger.valueOf(listTotal)).longValueExact();
            shared += share;
            jdbc.update("UPDATE sales_order_line SET paid_amount = ? WHERE order_id = ? AND line_no = ?",
                    share, event.orderId(), lineNo);
        }
        List<SaleDocument> sales = paidLines(event.orderId(), paidAt);
        String target = index.requireWritable();
        bulk(BulkRequest.of(request -> {
            sales.forEach(sale -> request.operations(op -> op.index(doc -> doc.index(target)
                    .id(sale.documentId()).document(sale))));
            return request;
        }));
    }

    @EventHandler
    void on(OrderRefunded event, @Timestamp Instant refundedAt) throws IOException {
        List<SaleDocument> sales = paidLines(event.orderId(), refundedAt);
        if (sales.isEmpty()) {
            return;
        }
        String target = index.requireWritable();
        Map<String, Object> refunded = Map.of("refunded", true, "refundedAt", refundedAt.toString());
        bulk(BulkRequest.of(request -> {
            sales.forEach(sale -> {
                request.operations(op -> op.update(doc -> doc.index(target).id(sale.documentId())
                        .action(action -> action.doc(refunded))));
                SaleDocument refund = sale.refund(refundedAt);
                request.operations(op -> op.index(doc -> doc.index(target).id(refund.documentId()).document(refund)));
            });
            return request;
        }));
    }

    @ResetHandler
    void reset() throws IOException {
        jdbc.update("TRUNCATE sales_order_line, sales_product");
        index.recreate();
    }

    /** The order's paid lines as paid documents at {@code time}, marking each first line of an order, category, shop and product. */
    private List<SaleDocument> paidLines(String orderId, Instant time) {
        List<SaleDocument> lines = jdbc.query("""
                SELECT l.order_id, l.line_no, l.customer_id, p.category_id, p.merchant_id, l.product_id, l.flash_sale_id,
                       l.flash_sale, l.units, l.paid_amount
                FROM sales_order_line l LEFT JOIN sales_product p ON p.product_id = l.product_id
                WHERE l.order_id = ? AND l.paid_amount IS NOT NULL ORDER BY l.line_no""",
                (rs, row) -> new SaleDocument(time, SaleDocument.PAID, rs.getString(1), rs.getInt(2), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getBoolean(8),
                        rs.getInt(9), rs.getLong(10), 0, 0, 0, 0, false, null),
                orderId);
        Set<String> seen = new HashSet<>();
        List<SaleDocument> marked = new ArrayList<>(lines.size());
        for (SaleDocument line : lines) {
            marked.add(new SaleDocument(line.time(), line.kind(), line.orderId(), line.lineNo(), line.customerId(),
                    line.categoryId(), line.merchantId(), line.productId(), line.flashSaleId(), line.flashSale(),
                    line.units(), line.amount(), marked.isEmpty() ? 1 : 0, first(seen, "c:" + line.categoryId()),
                    first(seen, "m:" + line.merchantId()), first(seen, "p:" + line.productId()), false, null));
        }
        return marked;
    }

    private static int first(Set<String> seen, String key) {
        return seen.add(key) ? 1 : 0;
    }

    private void bulk(BulkRequest request) throws IOException {
        BulkResponse response = elasticsearch.bulk(request);
        if (response.errors()) {
            throw new IllegalStateException("sales index write failed: " + response.items().stream()
                    .filter(item -> item.error() != null).map(item -> item.id() + ": " + item.error().reason())
                    .toList());
        }
    }
}
