package io.eventmall.app;

import io.eventmall.api.product.FindProduct;
import io.eventmall.api.product.ProductView;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** What tests read behind the API: events in the store, and stock as the product read model shows it. */
@Component
public class StoreProbe {

    private final JdbcTemplate jdbc;
    private final QueryGateway queries;

    StoreProbe(JdbcTemplate jdbc, QueryGateway queries) {
        this.jdbc = jdbc;
        this.queries = queries;
    }

    public int eventsOf(String aggregateId, String eventType) {
        return jdbc.queryForObject(
                "SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ? AND payload_type LIKE ?",
                Integer.class, aggregateId, "%." + eventType);
    }

    /** Every event stored so far: unchanged means a request changed nothing. */
    public long eventCount() {
        return jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class);
    }

    public int available(String productId) {
        return queries.query(new FindProduct(productId), ResponseTypes.optionalInstanceOf(ProductView.class)).join()
                .map(ProductView::available).orElseThrow();
    }
}
