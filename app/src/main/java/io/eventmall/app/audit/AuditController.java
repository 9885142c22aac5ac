package io.eventmall.app.audit;

import io.eventmall.api.Refusal;
import io.eventmall.app.web.ApiProblem;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.eventmall.query.audit.IntegrityChain;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import org.springframework.http.MediaType;
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

    static final String NDJSON = "application/x-ndjson";

    private final EventHistory history;
    private final PastState pastState;
    private final AuditCheckpoints checkpoints;
    private final ObjectMapper json;

    AuditController(EventHistory history, PastState pastState, AuditCheckpoints checkpoints, ObjectMapper json) {
        this.history = history;
        this.pastState = pastState;
        this.checkpoints = checkpoints;
        this.json = json;
    }

    /**
     * Recomputes the hash chain from the stored events; the first broken link is where history was altered.
     * With a checkpoint (its JSON, as issued), also proves nothing up to its position was changed, removed or
     * re-sealed since it was issued.
     */
    @GetMapping("/verify")
    IntegrityChain.Verdict verify(@RequestParam(required = false) String checkpoint) {
        return checkpoints.verify(checkpoint);
    }

    /** A signed digest of the history up to the chain's head, for the auditor to keep outside this system. */
    @GetMapping("/checkpoint")
    AuditCheckpoint checkpoint() {
        return checkpoints.issue();
    }

    /** The Ed25519 public key that checks checkpoints, with the exact signed message format. */
    @GetMapping("/public-key")
    Map<String, Object> publicKey() {
        return checkpoints.publicKey();
    }

    @GetMapping("/aggregates/{aggregateId}/events")
    List<AuditedEvent> stream(@PathVariable String aggregateId) {
        List<AuditedEvent> events = history.auditedStreamOf(aggregateId);
        if (events.isEmpty()) {
            throw ApiProblem.notFound("aggregate", aggregateId);
        }
        return events;
    }

    @GetMapping(path = "/events", produces = MediaType.APPLICATION_JSON_VALUE)
    Map<String, Object> global(@RequestParam(defaultValue = "0") @Min(0) long afterPosition,
                               @RequestParam(required = false) String type,
                               @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
                               @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to,
                               @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit) {
        List<AuditedEvent> items = history.globalStream(afterPosition, type, from, to, limit);
        long lastPosition = items.isEmpty() ? afterPosition : items.get(items.size() - 1).position();
        return Map.of("items", items, "lastPosition", lastPosition);
    }

    /** The same filters, every matching event (no limit unless given) as one JSON line each, streamed. */
    @GetMapping(path = "/events", produces = NDJSON)
    void export(@RequestParam(defaultValue = "0") @Min(0) long afterPosition,
                @RequestParam(required = false) String type,
                @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
                @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to,
                @RequestParam(required = false) @Min(1) Integer limit,
                HttpServletResponse response) throws IOException {
        response.setContentType(NDJSON);
        OutputStream out = new BufferedOutputStream(response.getOutputStream(), 64 * 1024);
        ObjectWriter line = json.writerFor(AuditedEvent.class);
        history.exportGlobalStream(afterPosition, type, from, to, limit, event -> {
            try {
                out.write(line.writeValueAsBytes(event));
                out.write('\n');
            } catch (IOException e) {
                throw new UncheckedIOException("the client stopped reading the export", e);
            }
        });
        out.flush();
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
