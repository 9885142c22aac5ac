package io.eventmall.query.search;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Keeps each search index consistent with the token of the processor that fills it, so the two can never
 * disagree about what has been indexed:
 * <ul>
 * <li>no token yet (new processor, new event store): the index is created empty and the processor fills it
 *     from the first event;</li>
 * <li>a token but no index of the current mapping version (Elasticsearch lost its data, or the mapping
 *     changed): the new index is created, the processor replays the event store into it while the alias
 *     keeps serving the previous version, and the alias moves atomically once the replay has caught up.</li>
 * </ul>
 * This runs before the processors start; if Elasticsearch is down then, it is retried until it answers and
 * the projections refuse to write meanwhile (their events are retried, never skipped).
 */
@Component
class SearchIndexMaintenance implements SmartInitializingSingleton, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(SearchIndexMaintenance.class);

    private enum State { UNPREPARED, REBUILD_NEEDED, REBUILDING, READY }

    private final List<SearchIndex> indices;
    private final TokenStore tokens;
    private final TransactionManager transactions;
    private final ObjectProvider<EventProcessingConfiguration> processing;
    private final ObjectProvider<EventStore> events;
    private final Duration checkInterval;
    private final Map<SearchIndex, State> states = new ConcurrentHashMap<>();
    /** Per rebuilding index: the head of the event store when its replay began. */
    private final Map<SearchIndex, Long> rebuildTargets = new ConcurrentHashMap<>();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "search-index-maintenance");
        thread.setDaemon(true);
        return thread;
    });

    SearchIndexMaintenance(List<SearchIndex> indices, TokenStore tokens, TransactionManager transactions,
                           ObjectProvider<EventProcessingConfiguration> processing, ObjectProvider<EventStore> events,
                           @Value("${mall.elasticsearch.maintenance-interval:PT1S}") Duration checkInterval) {
        this.indices = indices;
        this.tokens = tokens;
        this.transactions = transactions;
        this.processing = processing;
        this.events = events;
        this.checkInterval = checkInterval;
    }

    /** Before any event processor starts. */
    @Override
    public void afterSingletonsInstantiated() {
        indices.forEach(index -> states.put(index, State.UNPREPARED));
        indices.forEach(this::prepare);
    }

    @EventListener(ApplicationReadyEvent.class)
    void maintainOnceRunning() {
        scheduler.scheduleWithFixedDelay(this::maintain, 0, checkInterval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void destroy() {
        scheduler.shutdownNow();
    }

    private void maintain() {
        for (SearchIndex index : indices) {
            try {
                switch (states.get(index)) {
                    case UNPREPARED -> prepare(index);
                    case REBUILD_NEEDED -> startRebuild(index);
                    case REBUILDING -> finishRebuildIfCaughtUp(index);
                    case READY -> { }
                }
            } catch (RuntimeException e) {
                log.warn("maintenance of search index {} failed, retrying: {}", index.physicalName(), e.toString());
            }
        }
    }

    private void prepare(SearchIndex index) {
        try {
            boolean processed = transactions.fetchInTransaction(
                    () -> tokens.fetchSegments(index.processingGroup()).length > 0);
            if (!processed) {
                index.recreate();
                index.takeOverAlias();
                states.put(index, State.READY);
            } else if (!index.exists()) {
                index.create();
                if (index.aliasTargets().isEmpty()) {
                    index.takeOverAlias();
                }
                log.info("search index {} is new while {} has a token: rebuilding it from the event store",
                        index.physicalName(), index.processingGroup());
                states.put(index, State.REBUILD_NEEDED);
            } else if (!index.aliasTargets().contains(index.physicalName())) {
                if (index.aliasTargets().isEmpty()) {
                    index.takeOverAlias();
                    states.put(index, State.READY);
                } else {
                    log.info("search index {} exists beside the serving {}: its rebuild was interrupted, rebuilding",
                            index.physicalName(), index.aliasTargets());
                    states.put(index, State.REBUILD_NEEDED);
                }
            } else {
                states.put(index, State.READY);
            }
            index.writable(true);
        } catch (IOException | RuntimeException e) {
            log.warn("search index {} could not be prepared (is Elasticsearch up?), will retry: {}",
                    index.physicalName(), e.toString());
        }
    }

    /** Replays the event store into the index; {@code @ResetHandler} empties it first. */
    private void startRebuild(SearchIndex index) {
        StreamingEventProcessor processor = processor(index);
        TrackingToken head = events.getObject().createHeadToken();
        rebuildTargets.put(index, head == null ? -1 : head.position().orElse(-1));
        processor.shutDown();
        processor.resetTokens();
        processor.start();
        states.put(index, State.REBUILDING);
    }

    /**
     * Done when every segment has caught up with the head the replay started from. Not "no longer
     * replaying": Axon keeps a replay flag up until a token covers the one at reset, gaps included, which
     * can take until the next event.
     */
    private void finishRebuildIfCaughtUp(SearchIndex index) {
        long target = rebuildTargets.getOrDefault(index, -1L);
        Map<Integer, EventTrackerStatus> status = processor(index).processingStatus();
        boolean caughtUp = !status.isEmpty() && status.values().stream().allMatch(s -> s.isCaughtUp()
                && s.getError() == null && s.getCurrentPosition().orElse(-1) >= target);
        if (!caughtUp) {
            return;
        }
        try {
            index.takeOverAlias();
        } catch (IOException e) {
            throw new IllegalStateException("could not move alias " + index.alias(), e);
        }
        states.put(index, State.READY);
        log.info("search index {} rebuilt; alias {} now points at it", index.physicalName(), index.alias());
    }

    private StreamingEventProcessor processor(SearchIndex index) {
        return processing.getObject().eventProcessor(index.processingGroup(), StreamingEventProcessor.class)
                .orElseThrow(() -> new IllegalStateException("no streaming processor " + index.processingGroup()));
    }
}
