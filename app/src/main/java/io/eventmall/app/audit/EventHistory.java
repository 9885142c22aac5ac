package io.eventmall.app.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eventmall.app.config.AuditTrailCorrelation;
import io.eventmall.app.identity.UserRegisteredWithoutPasswordHash;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.stereotype.Component;

/**
 * Reads the event store as it is, for auditors: one aggregate's whole stream (never a snapshot), or the
 * global stream in commit order with filters. Payloads are shown as stored (JSON).
 */
@Component
public class EventHistory {

    private static final int EXPORT_FETCH_SIZE = 1_000;

    private final EventStore eventStore;
    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final TransactionTemplate streaming;

    EventHistory(EventStore eventStore, JdbcTemplate jdbc, ObjectMapper json, PlatformTransactionManager transactions) {
        this.eventStore = eventStore;
        this.jdbc = jdbc;
        this.json = json;
        this.streaming = new TransactionTemplate(transactions);
        this.streaming.setReadOnly(true);
    }

    /** The aggregate's events from its first, bypassing snapshots. */
    public List<DomainEventMessage<?>> streamOf(String aggregateId) {
        DomainEventStream stream = eventStore.readEvents(aggregateId, 0);
        List<DomainEventMessage<?>> events = new ArrayList<>();
        stream.forEachRemaining(events::add);
        return events;
    }

    public List<AuditedEvent> auditedStreamOf(String aggregateId) {
        return streamOf(aggregateId).stream().map(this::audited).toList();
    }

    public List<AuditedEvent> globalStream(long afterPosition, String type, Instant from, Instant to, int limit) {
        GlobalQuery query = globalQuery(afterPosition, type, from, to, limit);
        return jdbc.query(query.sql(), (rs, row) -> stored(rs), query.args());
    }

    /**
     * Hands every matching event to {@code sink} in commit order, streaming the rows through a database
     * cursor: memory stays flat whatever the number of events ({@code limit} null: all of them).
     */
    public void exportGlobalStream(long afterPosition, String type, Instant from, Instant to, Integer limit,
                                   Consumer<AuditedEvent> sink) {
        GlobalQuery query = globalQuery(afterPosition, type, from, to, limit);
        // PostgreSQL only honours the fetch size (a cursor) inside a transaction.
        streaming.executeWithoutResult(status -> jdbc.query(connection -> {
            PreparedStatement statement = connection.prepareStatement(query.sql());
            statement.setFetchSize(EXPORT_FETCH_SIZE);
            for (int i = 0; i < query.args().length; i++) {
                statement.setObject(i + 1, query.args()[i]);
            }
            return statement;
        }, (RowCallbackHandler) rs -> sink.accept(stored(rs))));
    }

    private record GlobalQuery(String sql, Object[] args) {
    }

    private static GlobalQuery globalQuery(long afterPosition, String type, Instant from, Instant to, Integer limit) {
        StringBuilder sql = new StringBuilder("""
                SELECT global_index, aggregate_identifier, sequence_number, payload_type, payload, time_stamp, meta_data
                FROM domain_event_entry WHERE global_index > ?""");
        List<Object> args = new ArrayList<>(List.of(afterPosition));
        if (type != null) {
            sql.append(" AND payload_type LIKE ?");
            args.add("%." + type);
        }
        if (from != null) {
            sql.append(" AND time_stamp::timestamptz >= ?");
            args.add(Timestamp.from(from));
        }
        if (to != null) {
            sql.append(" AND time_stamp::timestamptz < ?");
            args.add(Timestamp.from(to));
        }
        sql.append(" ORDER BY global_index");
        if (limit != null) {
            sql.append(" LIMIT ?");
            args.add(limit);
        }
        return new GlobalQuery(sql.toString(), args.toArray());
    }

    private AuditedEvent audited(DomainEventMessage<?> event) {
        return new AuditedEvent(null, event.getAggregateIdentifier(), event.getSequenceNumber(),
                event.getPayloadType().getSimpleName(), json.valueToTree(event.getPayload()), event.getTimestamp(),
                provenance(event.getMetaData()));
    }

    private AuditedEvent stored(ResultSet rs) throws SQLException {
        String payloadType = rs.getString("payload_type");
        JsonNode metadata = tree(rs.getBytes("meta_data"));
        return new AuditedEvent(rs.getLong("global_index"), rs.getString("aggregate_identifier"),
                rs.getLong("sequence_number"), payloadType.substring(payloadType.lastIndexOf('.') + 1),
                UserRegisteredWithoutPasswordHash.withoutCredentials(payloadType, tree(rs.getBytes("payload"))),
                Instant.parse(rs.getString("time_stamp")),
                new AuditedEvent.Provenance(text(metadata, AuditTrailCorrelation.USER_ID),
                        text(metadata, AuditTrailCorrelation.CORRELATION_ID),
                        text(metadata, AuditTrailCorrelation.CAUSATION_ID), text(metadata, AuditTrailCorrelation.TRACE_ID)));
    }

    private static AuditedEvent.Provenance provenance(MetaData metaData) {
        return new AuditedEvent.Provenance((String) metaData.get(AuditTrailCorrelation.USER_ID),
                (String) metaData.get(AuditTrailCorrelation.CORRELATION_ID),
                (String) metaData.get(AuditTrailCorrelation.CAUSATION_ID),
                (String) metaData.get(AuditTrailCorrelation.TRACE_ID));
    }

    private JsonNode tree(byte[] bytes) {
        try {
            return bytes == null ? json.nullNode() : json.readTree(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("a stored event is not JSON", e);
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
