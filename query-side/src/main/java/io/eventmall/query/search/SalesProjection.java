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
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The sales index for analysts: one document per paid order line, with its customer, category, shop,
 * product, units, amount and whether it came from a flash sale. Order lines wait in this projection's own
 * table until the order is paid; the product's category and shop come from its own product table. Document
 * ids are {@code <orderId>-<lineNo>}, so a retried event rewrites the same documents.
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

    @EventHandler
    void on(OrderPlaced event) {
        List<OrderLine> lines = event.lines();
        for (int lineNo = 0; lineNo < lines.size(); lineNo++) {
            OrderLine line = lines.get(lineNo);
            jdbc.update("""
                    INSERT INTO sales_order_line (order_id, line_no, customer_id, product_id, units, amount, flash_sale)
                    VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (order_id, line_no) DO NOTHING""",
                    event.orderId(), lineNo, event.customerId(), line.productId(), line.quantity(), line.lineAmount(),
                    event.flashSaleId() != null);
        }
    }

    @EventHandler
    void on(OrderPaid event, @Timestamp Instant paidAt) throws IOException {
        List<SaleDocument> sales = jdbc.query("""
                SELECT l.order_id, l.line_no, l.customer_id, p.category_id, p.merchant_id, l.product_id, l.units,
                       l.amount, l.flash_sale
                FROM sales_order_line l LEFT JOIN sales_product p ON p.product_id = l.product_id
                WHERE l.order_id = ? ORDER BY l.line_no""",
                (rs, row) -> new SaleDocument(paidAt, rs.getString(1), rs.getInt(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getInt(7), rs.getLong(8), rs.getBoolean(9), false, null),
                event.orderId());
        if (sales.isEmpty()) {
            return;
        }
        String target = index.requireWritable();
        bulk(BulkRequest.of(request -> {
            sales.forEach(sale -> request.operations(op -> op.index(doc -> doc.index(target)
                    .id(documentId(sale.orderId(), sale.lineNo())).document(sale))));
            return request;
        }));
    }

    @EventHandler
    void on(OrderRefunded event, @Timestamp Instant refundedAt) throws IOException {
        List<Integer> lineNos = jdbc.queryForList("SELECT line_no FROM sales_order_line WHERE order_id = ?",
                Integer.class, event.orderId());
        if (lineNos.isEmpty()) {
            return;
        }
        String target = index.requireWritable();
        Map<String, Object> refund = Map.of("refunded", true, "refundedAt", refundedAt.toString());
        bulk(BulkRequest.of(request -> {
            lineNos.forEach(lineNo -> request.operations(op -> op.update(doc -> doc.index(target)
                    .id(documentId(event.orderId(), lineNo)).action(action -> action.doc(refund)))));
            return request;
        }));
    }

    @ResetHandler
    void reset() throws IOException {
        jdbc.update("TRUNCATE sales_order_line, sales_product");
        index.recreate();
    }

    private void bulk(BulkRequest request) throws IOException {
        BulkResponse response = elasticsearch.bulk(request);
        if (response.errors()) {
            throw new IllegalStateException("sales index write failed: " + response.items().stream()
                    .filter(item -> item.error() != null).map(item -> item.id() + ": " + item.error().reason())
                    .toList());
        }
    }

    private static String documentId(String orderId, int lineNo) {
        return orderId + "-" + lineNo;
    }
}
