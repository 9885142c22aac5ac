package io.eventmall.app.projections;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The book of events that process managers failed on (table {@code parked_event}): failed attempts per event,
 * and which events are parked. Every write runs in a transaction of its own, because the failing handler's
 * transaction may be doomed (PostgreSQL aborts a transaction on any failed statement) and rolls back.
 * Which sequences and events are parked is also kept in memory, so the happy path asks the database nothing.
 */
@Component
public class ParkedEvents {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate ownTransaction;
    private final Clock clock;
    private final Map<String, Set<String>> parkedSequences = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> parkedEvents = new ConcurrentHashMap<>();

    ParkedEvents(JdbcTemplate jdbc, PlatformTransactionManager transactions, Clock clock) {
        this.jdbc = jdbc;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
    }

    /** One event a handler failed on. */
    public record Failure(String group, String eventId, String sequenceId, long globalIndex, String payloadType) {
    }

    /** A parked event as the retry reads it back. */
    public record Letter(String eventId, String sequenceId, long globalIndex) {
    }

    public boolean isParked(String group, String eventId) {
        return known(parkedEvents, group).contains(eventId);
    }

    public boolean isSequenceParked(String group, String sequenceId) {
        return known(parkedSequences, group).contains(sequenceId);
    }

    /** Counts a failed attempt and returns how many there were so far, this one included. */
    public int recordAttempt(Failure failure, Throwable cause) {
        Integer attempts = ownTransaction.execute(status -> jdbc.queryForObject("""
                INSERT INTO parked_event (processing_group, event_identifier, sequence_identifier, global_index,
                    payload_type, attempts, parked, cause_type, cause_message, first_failed_at, last_failed_at)
                VALUES (?, ?, ?, ?, ?, 1, false, ?, ?, ?, ?)
                ON CONFLICT (processing_group, event_identifier) DO UPDATE
                    SET attempts = parked_event.attempts + 1, cause_type = EXCLUDED.cause_type,
                        cause_message = EXCLUDED.cause_message, last_failed_at = EXCLUDED.last_failed_at
                RETURNING attempts""", Integer.class,
                failure.group(), failure.eventId(), failure.sequenceId(), failure.globalIndex(), failure.payloadType(),
                cause.getClass().getName(), truncated(cause.getMessage()), now(), now()));
        return attempts == null ? 1 : attempts;
    }

    /** Parks the event: the processor goes on without it, and so do the later events of its sequence. */
    public void park(Failure failure, String why) {
        ownTransaction.executeWithoutResult(status -> jdbc.update("""
                INSERT INTO parked_event (processing_group, event_identifier, sequence_identifier, global_index,
                    payload_type, attempts, parked, cause_type, cause_message, first_failed_at, last_failed_at)
                VALUES (?, ?, ?, ?, ?, 0, true, NULL, ?, ?, ?)
                ON CONFLICT (processing_group, event_identifier) DO UPDATE SET parked = true""",
                failure.group(), failure.eventId(), failure.sequenceId(), failure.globalIndex(), failure.payloadType(),
                truncated(why), now(), now()));
        known(parkedEvents, failure.group()).add(failure.eventId());
        known(parkedSequences, failure.group()).add(failure.sequenceId());
    }

    /** Forgets the attempts of an event that went through after all. */
    public void clearAttempts(String group, String eventId) {
        ownTransaction.executeWithoutResult(status -> jdbc.update(
                "DELETE FROM parked_event WHERE processing_group = ? AND event_identifier = ? AND NOT parked",
                group, eventId));
    }

    public long count(String group) {
        return known(parkedEvents, group).size();
    }

    /** The group's parked events, in the order they happened. */
    public List<Letter> letters(String group) {
        return jdbc.query("""
                SELECT event_identifier, sequence_identifier, global_index FROM parked_event
                WHERE processing_group = ? AND parked ORDER BY global_index""",
                (rs, row) -> new Letter(rs.getString(1), rs.getString(2), rs.getLong(3)), group);
    }

    /** A parked event was handled: it and its attempts are gone; its sequence flows again once it has no letter left. */
    public void handled(String group, Letter letter) {
        ownTransaction.executeWithoutResult(status -> jdbc.update(
                "DELETE FROM parked_event WHERE processing_group = ? AND event_identifier = ?", group, letter.eventId()));
        known(parkedEvents, group).remove(letter.eventId());
        boolean sequenceDone = letters(group).stream().noneMatch(other -> other.sequenceId().equals(letter.sequenceId()));
        if (sequenceDone) {
            known(parkedSequences, group).remove(letter.sequenceId());
        }
    }

    /** A retried letter failed again: it stays parked, with the new cause. */
    public void stillFailing(String group, Letter letter, Throwable cause) {
        ownTransaction.executeWithoutResult(status -> jdbc.update("""
                UPDATE parked_event SET attempts = attempts + 1, cause_type = ?, cause_message = ?, last_failed_at = ?
                WHERE processing_group = ? AND event_identifier = ?""",
                cause.getClass().getName(), truncated(cause.getMessage()), now(), group, letter.eventId()));
    }

    private Set<String> known(Map<String, Set<String>> cache, String group) {
        Set<String> found = cache.get(group);
        if (found == null) {
            loadIntoCaches(group);
            found = cache.get(group);
        }
        return found;
    }

    private synchronized void loadIntoCaches(String group) {
        if (parkedEvents.containsKey(group) && parkedSequences.containsKey(group)) {
            return;
        }
        Set<String> events = ConcurrentHashMap.newKeySet();
        Set<String> sequences = ConcurrentHashMap.newKeySet();
        letters(group).forEach(letter -> {
            events.add(letter.eventId());
            sequences.add(letter.sequenceId());
        });
        parkedSequences.put(group, sequences);
        parkedEvents.put(group, events);
    }

    private Timestamp now() {
        return Timestamp.from(clock.instant());
    }

    private static String truncated(String message) {
        return message == null || message.length() <= 1000 ? message : message.substring(0, 1000);
    }
}
