package io.eventmall.app.projections;

import io.eventmall.api.Refusal;
import io.eventmall.api.RuleViolation;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.DoubleStream;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.StreamableMessageSource;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
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
    private final ParkedEvents parked;
    private final ParkedEventRetry parkedRetry;
    private final DeadLetterRetry deadLetterRetry;
    private final Set<String> notReplayable;

    ProjectionAdministration(EventProcessingConfiguration processing, EventStore eventStore, ParkedEvents parked,
                             ParkedEventRetry parkedRetry, DeadLetterRetry deadLetterRetry,
                             @Value("${mall.projections.not-replayable:refunds,flash-sale-ordering,integrity-chain}")
                             Set<String> notReplayable) {
        this.processing = processing;
        this.eventStore = eventStore;
        this.parked = parked;
        this.parkedRetry = parkedRetry;
        this.deadLetterRetry = deadLetterRetry;
        this.notReplayable = notReplayable;
    }

    /**
     * Process managers (sagas cannot be reset), and the processors named in {@code mall.projections.not-replayable}:
     * replaying them would send their commands, refunds or provider calls again, or re-seal the audit chain.
     */
    public boolean isReplayable(String name, StreamingEventProcessor processor) {
        return processor.supportsReset() && !notReplayable.contains(name);
    }

    /**
     * Whether a segment of the processor that this node holds is still rebuilding (has not reached the position
     * the store had when the rebuild started): its read model is then behind the truth, not just lagging.
     */
    public boolean isRebuilding(String name) {
        return processing.eventProcessor(name, StreamingEventProcessor.class)
                .map(processor -> rebuildProgress(processor.processingStatus()).isPresent())
                .orElse(false);
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
        if (!isReplayable(name, processor)) {
            throw RuleViolation.invalidState("event processor " + name + " is not replayable: it runs a process, "
                    + "sends commands, calls a provider or seals the audit chain, and a replay would do so again");
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

    /**
     * Handles the processor's dead letters again now: its Axon dead-letter queue (read models) or its parked
     * events (process managers). Letters that fail again stay where they are.
     */
    public ParkedEventRetry.Outcome retryDeadLetters(String name) {
        processing.eventProcessor(name, StreamingEventProcessor.class)
                .orElseThrow(() -> new RuleViolation(Refusal.NOT_FOUND, "no event processor named " + name));
        if (processing.deadLetterQueue(name).isPresent()) {
            int handled = deadLetterRetry.retryNow(name);
            return new ParkedEventRetry.Outcome(name, handled,
                    processing.deadLetterQueue(name).map(SequencedDeadLetterQueue::size).orElse(0L));
        }
        ParkedEventRetry.Outcome outcome = parkedRetry.retry(name);
        log.info("dead letters of {} retried by an operator: {} handled, {} still parked", name, outcome.handled(),
                outcome.deadLetters());
        return outcome;
    }

    private ProjectionStatus status(String name, StreamingEventProcessor processor, Long head) {
        Map<Integer, EventTrackerStatus> segments = processor.processingStatus();
        Long position = segments.values().stream()
                .map(segment -> position(segment.getTrackingToken()))
                .map(found -> found == null ? Long.valueOf(-1) : found)
                .min(Long::compare)
                .orElse(null);
        Long lag = position == null || head == null ? null : Math.max(0, head - position);
        OptionalDouble progress = rebuildProgress(segments);
        long deadLetters = processing.deadLetterQueue(name).map(SequencedDeadLetterQueue::size)
                .orElseGet(() -> parked.count(name));
        return new ProjectionStatus(name, position, lag, progress.isPresent(), deadLetters,
                isReplayable(name, processor), progress.isPresent() ? progress.getAsDouble() : null);
    }

    /** How far the least advanced of these segments' rebuilds got; empty when none of them is rebuilding. */
    private static OptionalDouble rebuildProgress(Map<Integer, EventTrackerStatus> segments) {
        return segments.values().stream()
                .map(segment -> rebuildProgress(segment.getTrackingToken()))
                .flatMapToDouble(found -> found.isPresent() ? DoubleStream.of(found.getAsDouble()) : DoubleStream.empty())
                .min();
    }

    /**
     * How far a segment's rebuild got (0..1) while it has not yet reached the position the store had when the
     * rebuild started; empty once it has. Axon's own replay flag stays on until a newer event arrives, so this
     * compares positions instead.
     */
    static OptionalDouble rebuildProgress(TrackingToken token) {
        if (!(token instanceof ReplayToken replay) || replay.getTokenAtReset() == null) {
            return OptionalDouble.empty();
        }
        OptionalLong target = replay.getTokenAtReset().position();
        OptionalLong reached = replay.getCurrentToken() == null ? OptionalLong.of(0) : replay.getCurrentToken().position();
        if (target.isEmpty() || target.getAsLong() <= 0 || reached.isEmpty() || reached.getAsLong() >= target.getAsLong()) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(Math.max(0, reached.getAsLong()) / (double) target.getAsLong());
    }

    private static Long position(TrackingToken token) {
        if (token == null) {
            return null;
        }
        OptionalLong position = token.position();
        return position.isPresent() ? position.getAsLong() : null;
    }
}
