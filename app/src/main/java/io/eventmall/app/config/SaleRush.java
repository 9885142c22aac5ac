package io.eventmall.app.config;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.springboot.EventProcessorProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * A flash sale in full swing on this node: its writer keeps committing batches of at least
 * {@code mall.flash-sale.rush.batch-size} purchases, or its crowd keeps asking (at least
 * {@code mall.flash-sale.rush.answers-per-second} purchase answers, sold-out ones included). While the rush lasts, the
 * event processors (except the few in {@code mall.flash-sale.rush.processors-not-held}, which the buyers look at)
 * hold each transaction before it starts, until the rush has paused for {@code mall.flash-sale.rush.quiet}, at most
 * {@code mall.flash-sale.rush.max-hold} per transaction, and not at all once the rush has gone on for
 * {@code mall.flash-sale.rush.longest}: the orders of a sale must await payment within a minute of its sell-out,
 * however long its crowd stays.
 * <p>
 * Why lowering their thread priority ({@link BackgroundPriority}) was not enough: their work is largely PostgreSQL's,
 * and PostgreSQL's backends run at the requests' priority whoever asked. In a wall-clock profile of the 50,000-buyer
 * spike the sale's writer spent 88% of each batch waiting for the answer to its first query (0.4 ms of work when run
 * alone, 20-55 ms in the server's log), while PostgreSQL used three quarters of a core for the processors' reads and
 * writes; once the sale was sold out, the processors catching up took two thirds of the application's CPU from the
 * crowd's answers. Held, they leave the machine to the sale and catch up as soon as the rush is over: the orders of a
 * sale need only await payment within a minute, a purchase's answer is wanted now.
 * <p>
 * A trickle of purchases (batches of one or two, a few answers a second) is no rush and holds nothing. A held
 * transaction holds no database connection (it waits before it starts one), and the bound keeps the processors'
 * claims alive: a segment's claim is extended in a transaction of its own at least every few seconds, well inside the
 * token store's claim timeout.
 */
@Configuration
public class SaleRush {

    private static final Logger log = LoggerFactory.getLogger(SaleRush.class);
    private static final long PAUSE_NANOS = Duration.ofMillis(20).toNanos();
    private static final long CROWD_SAMPLE_MILLIS = 250;

    private final int rushBatchSize;
    private final long crowdPerSample;
    private final long quietNanos;
    private final long maxHoldNanos;
    private final long longestNanos;
    private final Timer held;
    private final BackgroundPriority background;
    private final LongAdder answers = new LongAdder();
    private volatile long lastRushNanos;
    private volatile long rushStartedNanos;
    private volatile boolean rushing;

    SaleRush(@Value("${mall.flash-sale.rush.batch-size:16}") int rushBatchSize,
             @Value("${mall.flash-sale.rush.answers-per-second:500}") int crowdPerSecond,
             @Value("${mall.flash-sale.rush.quiet:PT0.5S}") Duration quiet,
             @Value("${mall.flash-sale.rush.max-hold:PT2S}") Duration maxHold,
             @Value("${mall.flash-sale.rush.longest:PT30S}") Duration longest,
             MeterRegistry meters, BackgroundPriority background) {
        this.background = background;
        this.rushBatchSize = rushBatchSize;
        this.crowdPerSample = Math.max(1, crowdPerSecond * CROWD_SAMPLE_MILLIS / 1000);
        this.quietNanos = quiet.toNanos();
        this.maxHoldNanos = maxHold.toNanos();
        this.longestNanos = longest.toNanos();
        this.lastRushNanos = System.nanoTime() - quietNanos - 1;
        this.held = Timer.builder("mall.flash-sale.rush.held")
                .description("how long event processor transactions waited for a flash sale's rush to pause")
                .register(meters);
    }

    /**
     * A sale's writer is committing a batch of this many purchases: background threads yield at once (any batch, see
     * {@link BackgroundPriority}), and a batch of the rush size or more is a rush.
     */
    public void batchWritten(String flashSaleId, int purchases) {
        background.saleWriting();
        if (purchases >= rushBatchSize && rushBegins()) {
            log.info("flash sale rush (flash sale {}: a batch of {} purchases): event processors hold their"
                    + " transactions until it pauses", flashSaleId, purchases);
        }
    }

    /** A purchase was answered, whatever the answer. */
    public void purchaseAnswered() {
        answers.increment();
    }

    @Scheduled(fixedRate = CROWD_SAMPLE_MILLIS)
    void measureTheCrowd() {
        long answered = answers.sumThenReset();
        if (answered >= crowdPerSample && rushBegins()) {
            log.info("flash sale rush ({} purchase answers a second): event processors hold their transactions until"
                    + " it pauses", answered * 1000 / CROWD_SAMPLE_MILLIS);
        }
    }

    /** Marks the rush as going on; whether it begins now (none was going on within the quiet time). */
    private boolean rushBegins() {
        long now = System.nanoTime();
        boolean begins = now - lastRushNanos >= quietNanos;
        if (begins) {
            rushStartedNanos = now;
            rushing = true;
        }
        lastRushNanos = now;
        return begins;
    }

    /** Whether the rush has gone on within the quiet time. */
    public boolean inRush() {
        return System.nanoTime() - lastRushNanos < quietNanos;
    }

    /** In a rush that has not yet gone on for longer than processors may be held. */
    private boolean holding() {
        return inRush() && System.nanoTime() - rushStartedNanos < longestNanos;
    }

    @Scheduled(fixedDelayString = "PT1S")
    void logTheEndOfARush() {
        if (rushing && !inRush()) {
            rushing = false;
            log.info("flash sale rush over after {} s: event processors no longer held",
                    Duration.ofNanos(lastRushNanos - rushStartedNanos).toSeconds());
        }
    }

    /**
     * Waits while a rush lasts, at most the longest hold; never inside a transaction (it would hold its connection)
     * and never past an interrupt (a processor shutting down).
     */
    void holdWhileRushing() {
        if (!holding() || TransactionSynchronizationManager.isActualTransactionActive()) {
            return;
        }
        long started = System.nanoTime();
        long deadline = started + maxHoldNanos;
        while (holding() && System.nanoTime() < deadline && !Thread.currentThread().isInterrupted()) {
            LockSupport.parkNanos(PAUSE_NANOS);
        }
        held.record(Duration.ofNanos(System.nanoTime() - started));
    }

    /** A processor's transaction manager that holds each transaction's start while a rush lasts. */
    record Held(TransactionManager delegate, SaleRush rush) implements TransactionManager {
        @Override
        public Transaction startTransaction() {
            rush.holdWhileRushing();
            return delegate.startTransaction();
        }
    }

    /** Every pooled processor but those the buyers look at during the sale is held. */
    @Bean
    ConfigurerModule eventProcessorsHoldDuringARush(EventProcessorProperties processors,
            @Value("${mall.flash-sale.rush.processors-not-held:flash-sale-gate,flash-sales}") List<String> notHeld) {
        Set<String> free = Set.copyOf(notHeld);
        return configurer -> BackgroundPriority.pooledProcessors(processors).stream()
                .filter(name -> !free.contains(name))
                .forEach(name -> configurer.eventProcessing().registerTransactionManager(name,
                        config -> new Held(config.getComponent(TransactionManager.class), this)));
    }
}
