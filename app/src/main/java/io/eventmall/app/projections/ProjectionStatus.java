package io.eventmall.app.projections;

/**
 * One event processor as operators see it: {@code position} is the global index of the last event it handled
 * (null while no segment is claimed on this node), {@code lag} how many events it is behind the head of the store.
 */
public record ProjectionStatus(String name, Long position, Long lag, boolean replaying, long deadLetters) {
}
