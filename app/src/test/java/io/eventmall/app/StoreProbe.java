package io.eventmall.app;

import io.eventmall.api.product.FindProduct;
import io.eventmall.api.product.ProductView;
import java.time.Duration;
import java.util.Objects;
import org.awaitility.Awaitility;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** What tests read behind the API: events in the store, and stock as the product read model shows it. */
@Component
public class StoreProbe {

    private final JdbcTemplate jdbc;
    private final QueryGateway queries;
    private final EventProcessingConfiguration processing;

    StoreProbe(JdbcTemplate jdbc, QueryGateway queries, EventProcessingConfiguration processing) {
        this.jdbc = jdbc;
        this.queries = queries;
        this.processing = processing;
    }

    public int eventsOf(String aggregateId, String eventType) {
        return jdbc.queryForObject(
                "SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ? AND payload_type LIKE ?",
                Integer.class, aggregateId, "%." + eventType);
    }

    /** The size of the aggregate's latest snapshot, once one is stored (snapshots are taken after the commit). */
    public int latestSnapshotBytes(String aggregateId) {
        return Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.query(
                "SELECT length(payload) FROM snapshot_event_entry WHERE aggregate_identifier = ?"
                        + " ORDER BY sequence_number DESC LIMIT 1", (row, n) -> row.getInt(1), aggregateId)
                .stream().findFirst().orElse(null), Objects::nonNull);
    }

    /** Every event stored so far: unchanged means a request changed nothing. */
    public long eventCount() {
        return jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class);
    }

    /**
     * Stock as the product read model shows it once it has seen every event stored so far: read models catch
     * up independently of each other, so an order seen awaiting payment does not mean its stock is shown yet.
     */
    public int available(String productId) {
        long head = jdbc.queryForObject("SELECT coalesce(max(global_index), 0) FROM domain_event_entry", Long.class);
        StreamingEventProcessor products = processing.eventProcessor("products", StreamingEventProcessor.class)
                .orElseThrow();
        Awaitility.await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(20)).until(() -> {
            var segments = products.processingStatus().values();
            return !segments.isEmpty() && segments.stream().allMatch(segment -> segment.getTrackingToken() != null
                    && segment.getTrackingToken().position().orElse(-1) >= head);
        });
        return queries.query(new FindProduct(productId), ResponseTypes.optionalInstanceOf(ProductView.class)).join()
                .map(ProductView::available).orElseThrow();
    }
}
