package io.eventmall.app.projections;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one failing process instance from stopping its whole processor. A handler failure is counted
 * ({@link ParkedEvents}, in a transaction of its own) and thrown, so the processor retries the batch with its
 * back-off; at the last allowed attempt the event is parked, and the batch fails once more: the redelivered batch
 * finds the event parked and skips it, and the processor goes on. Later events of the same sequence (the same order,
 * the same payment) park behind it, so a process never sees them out of order.
 * <p>
 * Why the batch fails once more rather than going on at once: whatever the failed handler did before it failed is
 * part of the batch's unit of work (a saga's fields it set, a deadline it scheduled) and would commit with it, so
 * that a later retry of the parked event would find its work half done; and after a failed statement PostgreSQL has
 * aborted the batch's transaction anyway, so its commit fails and the batch is retried all the same. Only a batch
 * without the failed handler's attempt commits.
 */
public class ParkingInterceptor implements MessageHandlerInterceptor<EventMessage<?>> {

    /** Operators watch this: events parked, by processor. */
    public static final String PARKED = "mall.processes.parked";
    private static final Logger log = LoggerFactory.getLogger(ParkingInterceptor.class);

    private final String group;
    private final ParkedEvents parked;
    private final int maxAttempts;
    private final MeterRegistry meters;
    /** Events with failed attempts on record, whose record goes once they succeed. */
    private final Set<String> failing = ConcurrentHashMap.newKeySet();

    public ParkingInterceptor(String group, ParkedEvents parked, int maxAttempts, MeterRegistry meters) {
        this.group = group;
        this.parked = parked;
        this.maxAttempts = maxAttempts;
        this.meters = meters;
    }

    @Override
    public Object handle(UnitOfWork<? extends EventMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
        EventMessage<?> event = unitOfWork.getMessage();
        if (parked.isParked(group, event.getIdentifier())) {
            return null;
        }
        ParkedEvents.Failure failure = failureOf(event);
        if (parked.isSequenceParked(group, failure.sequenceId())) {
            parked.park(failure, "behind a parked event of sequence " + failure.sequenceId());
            log.warn("{}: {} {} parked behind an earlier parked event of {}", group, event.getPayloadType().getSimpleName(),
                    event.getIdentifier(), failure.sequenceId());
            return null;
        }
        try {
            Object result = chain.proceed();
            if (failing.remove(event.getIdentifier())) {
                parked.clearAttempts(group, event.getIdentifier());
            }
            return result;
        } catch (Exception handlerFailure) {
            failing.add(event.getIdentifier());
            int attempts = parked.recordAttempt(failure, handlerFailure);
            if (attempts < maxAttempts) {
                log.warn("{}: {} {} of {} failed (attempt {} of {}), retrying: {}", group,
                        event.getPayloadType().getSimpleName(), event.getIdentifier(), failure.sequenceId(), attempts,
                        maxAttempts, handlerFailure.toString());
                throw handlerFailure;
            }
            failing.remove(event.getIdentifier());
            parked.park(failure, handlerFailure.toString());
            meters.counter(PARKED, "processor", group).increment();
            log.error("{}: {} {} of {} failed {} times and is parked; its batch is handled again without it (retry: "
                            + "POST /api/v1/admin/projections/{}/dead-letters/retry)", group,
                    event.getPayloadType().getSimpleName(), event.getIdentifier(), failure.sequenceId(), attempts, group,
                    handlerFailure);
            throw handlerFailure;
        }
    }

    private ParkedEvents.Failure failureOf(EventMessage<?> event) {
        String sequence = event instanceof DomainEventMessage<?> domain && domain.getAggregateIdentifier() != null
                ? domain.getAggregateIdentifier() : event.getIdentifier();
        long index = event instanceof TrackedEventMessage<?> tracked && tracked.trackingToken() != null
                ? tracked.trackingToken().position().orElse(-1) : -1;
        return new ParkedEvents.Failure(group, event.getIdentifier(), sequence, index, event.getPayloadType().getName());
    }
}
