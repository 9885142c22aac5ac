package io.eventmall.app.projections;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One event processor as operators see it: {@code position} is the global index of the last event it handled
 * (null while no segment is claimed on this node), {@code lag} how many events it is behind the head of the store,
 * {@code replaying} whether a rebuild has not yet reached the position the store had when it started, and
 * {@code progress} (0..1, only while replaying) how far it got. {@code deadLetters} counts the events waiting in
 * its dead-letter queue (read models) or parked (process managers); {@code replayable} whether a rebuild is
 * allowed at all (not for anything that sends commands, calls a provider or seals the audit chain).
 */
public record ProjectionStatus(String name, Long position, Long lag, boolean replaying, long deadLetters,
                               boolean replayable, @JsonInclude(JsonInclude.Include.NON_NULL) Double progress) {
}
