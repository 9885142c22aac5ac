package io.eventmall.app.config;

import java.util.function.Predicate;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;

/**
 * The one test of "another writer appended at the sequence this one expected" (the event store's unique
 * (aggregate, sequence) index, translated to {@link ConcurrencyException} by either storage engine): what the command
 * gateway retries, and what the flash-sale writer decides again. A second creation of one aggregate is not one.
 */
public final class AppendConflicts {

    private AppendConflicts() {
    }

    /**
     * Any conflict with another writer's append, a creation conflict included: what a unit of work that creates one
     * stream and appends to others (an order placed with its stock reserved) meets when a twin request created the
     * same stream first, or another node appended to a stream this node holds a stale cached copy of. The storage
     * engine may report the second as an {@link AggregateStreamCreationException} too (it names the batch's first
     * event, the new stream's), which {@link #isAppendConflict} does not count: that is how a placement on a stale
     * inventory was answered 409. Either way the unit of work rolled back whole (dropping the stale copy) and is
     * decided again on the fresh streams, where a twin's stream is found.
     */
    public static boolean isConflictOfAnyStream(Throwable failure) {
        return causedBy(failure, cause -> cause instanceof ConcurrencyException
                || cause instanceof AggregateStreamCreationException);
    }

    public static boolean isAppendConflict(Throwable failure) {
        return causedBy(failure, ConcurrencyException.class::isInstance);
    }

    private static boolean causedBy(Throwable failure, Predicate<Throwable> kind) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (kind.test(cause)) {
                return true;
            }
        }
        return false;
    }
}
