package io.eventmall.app.config;

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

    public static boolean isAppendConflict(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof ConcurrencyException && !(cause instanceof AggregateStreamCreationException)) {
                return true;
            }
        }
        return false;
    }
}
