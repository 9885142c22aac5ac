package io.eventmall.app.audit;

import io.eventmall.api.Refusal;
import io.eventmall.app.web.ApiProblem;
import io.eventmall.query.audit.IntegrityChain;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The history of everything, for AUDITOR and ADMIN (SecurityConfig): streams, past states, integrity. */
@RestController
@Validated
@RequestMapping("/api/v1/audit")
public class AuditController {

    private final EventHistory history;
    private final PastState pastState;
    private final IntegrityChain integrity;

    AuditController(EventHistory history, PastState pastState, IntegrityChain integrity) {
        this.history = history;
        this.pastState = pastState;
        this.integrity = integrity;
    }

    /** Recomputes the hash chain over the stored events; the first broken link is where history was altered. */
    @GetMapping("/verify")
    IntegrityChain.Verdict verify() {
        return integrity.verify();
    }

    @GetMapping("/aggregates/{aggregateId}/events")
    List<AuditedEvent> stream(@PathVariable String aggregateId) {
        List<AuditedEvent> events = history.auditedStreamOf(aggregateId);
        if (events.isEmpty()) {
            throw ApiProblem.notFound("aggregate", aggregateId);
        }
        return events;
    }

    @GetMapping("/events")
    Map<String, Object> global(@RequestParam(defaultValue = "0") @Min(0) long afterPosition,
                               @RequestParam(required = false) String type,
                               @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
                               @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to,
                               @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit) {
        List<AuditedEvent> items = history.globalStream(afterPosition, type, from, to, limit);
        long lastPosition = items.isEmpty() ? afterPosition : items.get(items.size() - 1).position();
        return Map.of("items", items, "lastPosition", lastPosition);
    }

    @GetMapping("/aggregates/{aggregateId}/state")
    PastState.State state(@PathVariable String aggregateId,
                          @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant at,
                          @RequestParam(required = false) @Min(0) Long sequence) {
        if ((at == null) == (sequence == null)) {
            throw ApiProblem.of(Refusal.VALIDATION_FAILED, "give exactly one of 'at' (ISO instant) or 'sequence'");
        }
        return at != null ? pastState.at(aggregateId, at) : pastState.atSequence(aggregateId, sequence);
    }
}
