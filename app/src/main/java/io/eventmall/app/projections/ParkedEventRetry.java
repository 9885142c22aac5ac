package io.eventmall.app.projections;

import io.eventmall.api.Refusal;
import io.eventmall.api.RuleViolation;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.AbstractEventProcessor;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Handles a processor's parked events again, oldest first, each in a unit of work and transaction of its own,
 * through the processor's own handlers (for a saga processor: finding or starting the saga instance). A letter
 * that fails again stays parked, and so do the later letters of its sequence.
 */
@Component
public class ParkedEventRetry {

    private static final Logger log = LoggerFactory.getLogger(ParkedEventRetry.class);

    private final EventProcessingConfiguration processing;
    private final Configuration axon;
    private final EventStore eventStore;
    private final TransactionManager transactions;
    private final ParkedEvents parked;

    ParkedEventRetry(EventProcessingConfiguration processing, Configuration axon, EventStore eventStore,
                     TransactionManager transactions, ParkedEvents parked) {
        this.processing = processing;
        this.axon = axon;
        this.eventStore = eventStore;
        this.transactions = transactions;
        this.parked = parked;
    }

    /** How many letters went through, and how many are still parked. */
    public record Outcome(String name, int handled, long deadLetters) {
    }

    public Outcome retry(String name) {
        AbstractEventProcessor processor = processing.eventProcessor(name, AbstractEventProcessor.class)
                .orElseThrow(() -> new RuleViolation(Refusal.NOT_FOUND, "no event processor named " + name));
        int handled = 0;
        Set<String> stillBlocked = new HashSet<>();
        for (ParkedEvents.Letter letter : parked.letters(name)) {
            if (stillBlocked.contains(letter.sequenceId())) {
                continue;
            }
            try {
                handle(processor, eventOf(letter));
                parked.handled(name, letter);
                handled++;
                log.info("{}: parked event {} of {} handled on retry", name, letter.eventId(), letter.sequenceId());
            } catch (Exception stillFailing) {
                parked.stillFailing(name, letter, stillFailing);
                stillBlocked.add(letter.sequenceId());
                log.warn("{}: parked event {} of {} fails again, it stays parked: {}", name, letter.eventId(),
                        letter.sequenceId(), stillFailing.toString());
            }
        }
        return new Outcome(name, handled, parked.count(name));
    }

    private void handle(AbstractEventProcessor processor, EventMessage<?> event) throws Exception {
        DefaultUnitOfWork<EventMessage<?>> unitOfWork = DefaultUnitOfWork.startAndGet(event);
        axon.correlationDataProviders().forEach(unitOfWork::registerCorrelationDataProvider);
        unitOfWork.attachTransaction(transactions);
        ResultMessage<Object> result = unitOfWork.executeWithResult(() -> {
            processor.eventHandlerInvoker().handle(event, Segment.ROOT_SEGMENT);
            return null;
        });
        if (result.isExceptional()) {
            Throwable failure = result.exceptionResult();
            throw failure instanceof Exception exception ? exception : new IllegalStateException(failure);
        }
    }

    /** The parked event, read back from the event store at its position. */
    private TrackedEventMessage<?> eventOf(ParkedEvents.Letter letter) throws InterruptedException {
        try (BlockingStream<TrackedEventMessage<?>> events = eventStore.openStream(
                GapAwareTrackingToken.newInstance(letter.globalIndex() - 1, Set.of()))) {
            for (int read = 0; read < 100 && events.hasNextAvailable(2, TimeUnit.SECONDS); read++) {
                TrackedEventMessage<?> event = events.nextAvailable();
                if (event.getIdentifier().equals(letter.eventId())) {
                    return event;
                }
            }
        }
        throw new IllegalStateException("event " + letter.eventId() + " is not at position " + letter.globalIndex());
    }
}
