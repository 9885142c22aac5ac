package io.eventmall.app.projections;

import io.eventmall.api.Refusal;
import io.eventmall.api.RuleViolation;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.StreamableMessageSource;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Status and rebuild of the streaming event processors (one per read model). A rebuild shuts the processor down,
 * drops its dead letters (the replay handles those events again), resets its tokens (which runs the read model's
 * {@code @ResetHandler} in the same transaction) and starts it again: the API keeps serving meanwhile, from a read
 * model that fills up again from the first event.
 */
@Component
public class ProjectionAdministration {

    private static final Logger log = LoggerFactory.getLogger(ProjectionAdministration.class);

    private final EventProcessingConfiguration processing;
    private final EventStore eventStore;

    ProjectionAdministration(EventProcessingConfiguration processing, EventStore eventStore) {
        this.processing = processing;
        this.eventStore = eventStore;
    }

    public List<ProjectionStatus> statuses() {
        Long head = position(eventStore.createHeadToken());
        return processing.eventProcessors().entrySet().stream()
                .filter(entry -> entry.getValue() instanceof StreamingEventProcessor)
                .map(entry -> status(entry.getKey(), (StreamingEventProcessor) entry.getValue(), head))
                .sorted(Comparator.comparing(ProjectionStatus::name))
                .toList();
    }

    public void replay(String name) {
        StreamingEventProcessor processor = processing.eventProcessor(name, StreamingEventProcessor.class)
                .orElseThrow(() -> new RuleViolation(Refusal.NOT_FOUND, "no event processor named " + name));
        if (!processor.supportsReset()) {
            throw RuleViolation.invalidState("event processor " + name + " cannot be replayed (no reset support)");
        }
        log.info("replaying read model {}: shut down, clear dead letters, reset tokens, start", name);
        processor.shutDown();
        try {
            processing.deadLetterQueue(name).ifPresent(SequencedDeadLetterQueue::clear);
            // From the very first event. (The processor's default initial token is itself a replay token in
            // Axon 4.13; resetting to it nests replay tokens that never report the replay as finished.)
            processor.resetTokens(StreamableMessageSource::createTailToken);
        } finally {
            processor.start();
        }
    }

    private ProjectionStatus status(String name, StreamingEventProcessor processor, Long head) {
        Map<Integer, EventTrackerStatus> segments = processor.processingStatus();
        Long position = segments.values().stream()
                .map(segment -> position(segment.getTrackingToken()))
                .map(found -> found == null ? Long.valueOf(-1) : found)
                .min(Long::compare)
                .orElse(null);
        Long lag = position == null || head == null ? null : Math.max(0, head - position);
        boolean replaying = segments.values().stream().anyMatch(EventTrackerStatus::isReplaying);
        long deadLetters = processing.deadLetterQueue(name).map(SequencedDeadLetterQueue::size).orElse(0L);
        return new ProjectionStatus(name, position, lag, replaying, deadLetters);
    }

    private static Long position(TrackingToken token) {
        if (token == null) {
            return null;
        }
        OptionalLong position = token.position();
        return position.isPresent() ? position.getAsLong() : null;
    }
}
