package io.eventmall.app.audit;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/** One stored event as auditors read it. {@code position} is its global index, absent for a single stream. */
public record AuditedEvent(Long position, String aggregateId, long sequence, String type, JsonNode payload,
                           Instant timestamp, Provenance metadata) {

    /** Who acted, what started it, what directly caused it, and the trace it ran in. */
    public record Provenance(String userId, String correlationId, String causationId, String traceId) {
    }
}
