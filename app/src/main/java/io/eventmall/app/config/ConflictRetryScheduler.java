package io.eventmall.app.config;

import io.eventmall.api.order.PlaceOrder;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.RetryScheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The command gateway's retries: a command whose unit of work met another writer's append is sent again on the fresh
 * streams, up to {@code maxRetries} times, 20 ms apart; any other failure is answered at once. A placement is also sent
 * again after a creation conflict ({@link AppendConflicts#isConflictOfAnyStream}): placed again, it finds its twin's
 * order or decides on the fresh stock. Every other command's creation conflict (a twin registration) is answered.
 * <p>
 * Not Axon's {@code IntervalRetryScheduler}: it tests its non-transient predicate against every cause of a failure
 * as well, and a conflict is caused by the driver's unique-violation, which is no conflict by itself; so conflicts
 * were never retried there. This tests the failure once, with its whole cause chain.
 */
public final class ConflictRetryScheduler implements RetryScheduler {

    private static final Logger log = LoggerFactory.getLogger(ConflictRetryScheduler.class);
    private static final long RETRY_INTERVAL_MS = 20;

    private final ScheduledExecutorService executor;
    private final int maxRetries;

    public ConflictRetryScheduler(ScheduledExecutorService executor, int maxRetries) {
        this.executor = executor;
        this.maxRetries = maxRetries;
    }

    @Override
    public boolean scheduleRetry(CommandMessage commandMessage, RuntimeException lastFailure,
                                 List<Class<? extends Throwable>[]> failures, Runnable dispatch) {
        boolean conflict = commandMessage.getPayload() instanceof PlaceOrder
                ? AppendConflicts.isConflictOfAnyStream(lastFailure)
                : AppendConflicts.isAppendConflict(lastFailure);
        // failures holds every failure so far, the last one included.
        if (!conflict || failures.size() > maxRetries) {
            return false;
        }
        log.info("{} met another writer's append (attempt {} of at most {}), sending it again",
                commandMessage.getPayloadType().getSimpleName(), failures.size(), maxRetries + 1);
        try {
            executor.schedule(dispatch, RETRY_INTERVAL_MS, TimeUnit.MILLISECONDS);
            return true;
        } catch (RejectedExecutionException shuttingDown) {
            return false;
        }
    }
}
