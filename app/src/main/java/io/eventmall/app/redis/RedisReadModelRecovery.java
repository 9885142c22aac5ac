package io.eventmall.app.redis;

import io.eventmall.app.projections.ProjectionAdministration;
import io.eventmall.query.gate.FlashSaleGate;
import io.eventmall.query.home.HomeProjection;
import io.eventmall.query.home.RecommendationProjection;
import io.eventmall.query.ranking.RankingProjection;
import io.eventmall.query.redis.RedisReadModelState;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Notices that Redis lost its data (a restart without persistence, FLUSHDB, a failover to an empty replica) and
 * rebuilds every Redis read model from the event store, without an operator. The epoch key
 * ({@link RedisReadModelState#EPOCH_KEY}) exists only while the read models are complete: it is written once a rebuild
 * has caught up, and nothing else writes or deletes it, so its absence means Redis no longer holds what the events
 * say. Meanwhile this node stops trusting the read models (home and rankings answer 503, the gate lets the FlashSale
 * aggregate decide alone). One node rebuilds, under a lock in Redis; the others wait for the epoch to come back.
 * A first start on an empty Redis is the same case: the read models are built, then trusted.
 */
@Component
public class RedisReadModelRecovery {

    static final String LOCK_KEY = "mall:epoch:rebuild-lock";
    static final List<String> REDIS_READ_MODELS = List.of(HomeProjection.NAME, RankingProjection.NAME,
            RecommendationProjection.NAME, FlashSaleGate.NAME);
    private static final Logger log = LoggerFactory.getLogger(RedisReadModelRecovery.class);
    private static final Duration LOCK_TIME = Duration.ofMinutes(2);

    private final StringRedisTemplate redis;
    private final RedisReadModelState state;
    private final ProjectionAdministration projections;
    private final EventProcessingConfiguration processing;
    private final EventStore eventStore;
    private final MeterRegistry meters;
    private final String node = UUID.randomUUID().toString();
    private final Duration rebuildTimeout;
    private final Duration startupWait;

    private volatile Rebuild rebuild;

    RedisReadModelRecovery(StringRedisTemplate redis, RedisReadModelState state, ProjectionAdministration projections,
                           EventProcessingConfiguration processing, EventStore eventStore, MeterRegistry meters,
                           @Value("${mall.redis.rebuild-timeout:PT5M}") Duration rebuildTimeout,
                           @Value("${mall.redis.startup-wait:PT60S}") Duration startupWait) {
        this.startupWait = startupWait;
        this.redis = redis;
        this.state = state;
        this.projections = projections;
        this.processing = processing;
        this.eventStore = eventStore;
        this.meters = meters;
        this.rebuildTimeout = rebuildTimeout;
    }

    /** A rebuild this node runs: the event store's head when it began, which every read model must reach. */
    private record Rebuild(long head, Instant startedAt) {
    }

    /**
     * The service is not ready before its Redis read models can be trusted: at start-up (a first start, or one after
     * Redis lost its data while the service was down) it waits up to {@code mall.redis.startup-wait} for them.
     */
    @EventListener(ApplicationReadyEvent.class)
    void awaitTrustedReadModels() throws InterruptedException {
        Instant deadline = Instant.now().plus(startupWait);
        check();
        while (rebuild != null && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
            check();
        }
        if (rebuild != null) {
            log.warn("Redis read models still rebuilding after {}; serving 503 for them until they have caught up",
                    startupWait);
        }
    }

    @Scheduled(fixedDelayString = "${mall.redis.epoch-check-interval:PT1S}")
    synchronized void check() {
        try {
            if (rebuild != null) {
                finishWhenCaughtUp();
            } else if (Boolean.TRUE.equals(redis.hasKey(RedisReadModelState.EPOCH_KEY))) {
                trust();
            } else {
                startOrAwaitRebuild();
            }
        } catch (DataAccessException redisDown) {
            // Readers fail on their own while Redis is unreachable; its data is judged once it answers again.
            log.debug("Redis epoch not checked: {}", redisDown.getMessage());
        }
    }

    private void trust() {
        if (!state.isTrusted()) {
            log.info("Redis read models are complete again (epoch {}); trusting them",
                    redis.opsForValue().get(RedisReadModelState.EPOCH_KEY));
            state.trust(true);
        }
    }

    private void startOrAwaitRebuild() {
        if (state.isTrusted()) {
            log.warn("Redis lost its data (no epoch key): the Redis read models are not trusted until rebuilt");
            state.trust(false);
        }
        if (!Boolean.TRUE.equals(redis.opsForValue().setIfAbsent(LOCK_KEY, node, LOCK_TIME))) {
            return;
        }
        Instant startedAt = Instant.now();
        long head = position(eventStore.createHeadToken());
        log.warn("rebuilding the Redis read models {} from the event store (head {})", REDIS_READ_MODELS, head);
        meters.counter("mall.redis.rebuilds").increment();
        REDIS_READ_MODELS.forEach(projections::replay);
        rebuild = new Rebuild(head, startedAt);
    }

    private void finishWhenCaughtUp() {
        Rebuild running = rebuild;
        boolean caughtUp = REDIS_READ_MODELS.stream().allMatch(name -> reached(name, running.head()));
        if (caughtUp) {
            String epoch = UUID.randomUUID().toString();
            redis.opsForValue().set(RedisReadModelState.EPOCH_KEY, epoch);
            redis.delete(LOCK_KEY);
            rebuild = null;
            log.info("Redis read models rebuilt up to event {} in {} ms (epoch {})", running.head(),
                    Duration.between(running.startedAt(), Instant.now()).toMillis(), epoch);
            state.trust(true);
        } else if (Duration.between(running.startedAt(), Instant.now()).compareTo(rebuildTimeout) > 0) {
            log.error("Redis read models did not catch up within {}; starting over", rebuildTimeout);
            redis.delete(LOCK_KEY);
            rebuild = null;
        } else {
            redis.expire(LOCK_KEY, LOCK_TIME);
        }
    }

    private boolean reached(String processorName, long head) {
        return processing.eventProcessor(processorName, StreamingEventProcessor.class)
                .map(processor -> !processor.processingStatus().isEmpty()
                        && processor.processingStatus().values().stream()
                        .allMatch(status -> status.getCurrentPosition().orElse(-1) >= head))
                .orElse(true);
    }

    private static long position(TrackingToken token) {
        return token == null ? -1 : token.position().orElse(-1);
    }
}
