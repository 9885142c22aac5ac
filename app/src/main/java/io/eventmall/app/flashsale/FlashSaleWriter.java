package io.eventmall.app.flashsale;

import io.eventmall.api.flashsale.FlashSalePurchaseDecision;
import io.eventmall.api.flashsale.PurchaseFlashSaleUnits;
import io.eventmall.api.flashsale.PurchaseFlashSaleUnitsInBatch;
import io.eventmall.app.config.AppendConflicts;
import io.eventmall.app.config.BackgroundPriority;
import io.eventmall.app.config.SaleRush;
import io.eventmall.query.gate.FlashSaleGate;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.annotation.PreDestroy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The batched single writer of each flash sale. Purchases that passed the gate wait in a bounded queue per sale; one
 * writer at a time per sale takes what is queued (up to {@code batch-size}, lingering {@code batch-linger} for more
 * when the queue is short) and has the FlashSale aggregate decide them all in one command, so one unit of work and
 * one event-store transaction commit the whole batch. Each purchase's future completes with its own decision once
 * that transaction committed. No request thread ever waits on the aggregate's lock or holds a database connection:
 * only the writers do, at most {@code writer-threads} of them.
 * <p>
 * Several nodes may write the same sale: each appends at the sequence its copy of the aggregate expects, the event
 * store's unique (aggregate, sequence) index refuses the later one, its unit of work rolls back (which drops the
 * stale cached aggregate) and the batch is decided again on the fresh stream, up to {@code conflict-retries} times.
 * <p>
 * A committed batch is answered first and its admissions confirmed to the gate afterwards, by a thread of its own: the
 * confirmation only keeps the reconciler from looking at them later (a ticket left pending is confirmed from the
 * ledger, or by the gate's processor from the events), so neither the buyers nor the sale's next batch wait on that
 * Redis round trip (a quarter of a batch's time in the spike's wall-clock profile).
 */
@Component
public class FlashSaleWriter {

    private static final Logger log = LoggerFactory.getLogger(FlashSaleWriter.class);
    /** Committed batches whose confirmation may wait for the confirmer thread. */
    private static final int CONFIRMATIONS_WAITING = 1_000;

    private final CommandGateway commands;
    private final FlashSaleGate gate;
    private final FlashSaleSettings settings;
    private final ExecutorService writers;
    private final ThreadPoolExecutor confirmer;
    private final Map<String, SaleQueue> queues = new ConcurrentHashMap<>();
    private final DistributionSummary batchSizes;
    private final Timer batchTimer;
    private final MeterRegistry meters;
    private final SaleRush rush;
    /** Batches whose confirmation did not fit the confirmer's queue: their tickets wait for the reconciler. */
    private final Counter confirmationsLeftPending;

    FlashSaleWriter(CommandGateway commands, FlashSaleGate gate, FlashSaleSettings settings, MeterRegistry meters,
                    BackgroundPriority background, SaleRush rush) {
        this.rush = rush;
        this.commands = commands;
        this.gate = gate;
        this.settings = settings;
        this.meters = meters;
        this.writers = Executors.newFixedThreadPool(settings.writerThreads(),
                background.saleWriterThreads("flash-sale-writer"));
        this.confirmationsLeftPending = meters.counter("mall.flash-sale.confirmations.left-pending");
        this.confirmer = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(CONFIRMATIONS_WAITING), background.saleWriterThreads("flash-sale-confirmer"),
                (confirmation, executor) -> confirmationsLeftPending.increment());
        this.batchSizes = DistributionSummary.builder("mall.flash-sale.batch.size")
                .description("purchases decided per flash-sale unit of work").register(meters);
        this.batchTimer = Timer.builder("mall.flash-sale.batch.duration")
                .description("time to decide and commit one batch of flash-sale purchases").register(meters);
    }

    /** Thrown when the sale's queue on this node is full: the caller answers 503 at once. */
    public static final class QueueFull extends RuntimeException {
        QueueFull(String flashSaleId, int capacity) {
            super("flash sale " + flashSaleId + " has " + capacity + " purchases waiting on this node");
        }
    }

    /** Queues the purchase for its sale's writer; the future completes once its batch committed (or failed). */
    public CompletableFuture<FlashSalePurchaseDecision> submit(PurchaseFlashSaleUnits purchase) {
        SaleQueue queue = queues.computeIfAbsent(purchase.flashSaleId(), SaleQueue::new);
        Pending pending = new Pending(purchase, new CompletableFuture<>());
        if (!queue.purchases.offer(pending)) {
            meters.counter("mall.flash-sale.queue.full").increment();
            throw new QueueFull(purchase.flashSaleId(), settings.queueCapacity());
        }
        queue.wakeWriter();
        return pending.decision;
    }

    /** Purchases waiting for a writer on this node, over every sale. */
    public int queued() {
        return queues.values().stream().mapToInt(queue -> queue.purchases.size()).sum();
    }

    private record Pending(PurchaseFlashSaleUnits purchase, CompletableFuture<FlashSalePurchaseDecision> decision) {
    }

    private final class SaleQueue {

        private final String flashSaleId;
        private final BlockingQueue<Pending> purchases = new ArrayBlockingQueue<>(settings.queueCapacity());
        private final AtomicBoolean writing = new AtomicBoolean();

        SaleQueue(String flashSaleId) {
            this.flashSaleId = flashSaleId;
        }

        void wakeWriter() {
            if (writing.compareAndSet(false, true)) {
                writers.execute(this::writeWhileQueued);
            }
        }

        private void writeWhileQueued() {
            try {
                for (List<Pending> batch = nextBatch(); !batch.isEmpty(); batch = nextBatch()) {
                    write(flashSaleId, batch);
                }
            } catch (InterruptedException shuttingDown) {
                Thread.currentThread().interrupt();
            } finally {
                writing.set(false);
                // A purchase queued between the last poll and the flag going down must not wait for the next one.
                if (!purchases.isEmpty()) {
                    wakeWriter();
                }
            }
        }

        private List<Pending> nextBatch() throws InterruptedException {
            List<Pending> batch = new ArrayList<>();
            purchases.drainTo(batch, settings.batchSize());
            if (!batch.isEmpty() && batch.size() < settings.batchSize() && !settings.batchLinger().isZero()) {
                Pending more = purchases.poll(settings.batchLinger().toNanos(), TimeUnit.NANOSECONDS);
                if (more != null) {
                    batch.add(more);
                    purchases.drainTo(batch, settings.batchSize() - batch.size());
                }
            }
            return batch;
        }
    }

    private void write(String flashSaleId, List<Pending> batch) {
        rush.batchWritten(flashSaleId, batch.size());
        List<PurchaseFlashSaleUnits> purchases = batch.stream().map(Pending::purchase).toList();
        Timer.Sample sample = Timer.start();
        for (int attempt = 0; ; attempt++) {
            try {
                List<FlashSalePurchaseDecision> decisions =
                        commands.sendAndWait(new PurchaseFlashSaleUnitsInBatch(flashSaleId, purchases));
                sample.stop(batchTimer);
                batchSizes.record(batch.size());
                List<String> accepted = decisions.stream().filter(FlashSalePurchaseDecision::isAccepted)
                        .map(FlashSalePurchaseDecision::purchaseId).toList();
                for (int i = 0; i < batch.size(); i++) {
                    batch.get(i).decision().complete(decisions.get(i));
                }
                if (!accepted.isEmpty()) {
                    confirmer.execute(() -> gate.confirm(flashSaleId, accepted));
                }
                // One line per batch, not per purchase: a line per purchase was 5% of the request threads' CPU in
                // the spike's profile. Each purchase's own line (its id, buyer and order) is at debug.
                log.info("flash sale {}: batch of {} purchase(s) committed, {} accepted", flashSaleId, batch.size(),
                        accepted.size());
                return;
            } catch (RuntimeException failure) {
                if (AppendConflicts.isAppendConflict(failure) && attempt < settings.conflictRetries()) {
                    meters.counter("mall.flash-sale.batch.conflicts").increment();
                    log.info("flash sale {}: another writer appended first; deciding the batch of {} again (attempt {})",
                            flashSaleId, batch.size(), attempt + 2);
                    pauseBeforeRetry(attempt);
                    continue;
                }
                log.warn("flash sale {}: batch of {} purchases failed: {}", flashSaleId, batch.size(), failure.toString());
                batch.forEach(pending -> pending.decision().completeExceptionally(failure));
                return;
            }
        }
    }

    /** A random pause growing with the attempts, so that two nodes' writers stop meeting at the same sequence. */
    private static void pauseBeforeRetry(int attempt) {
        try {
            Thread.sleep(java.util.concurrent.ThreadLocalRandom.current().nextLong(1, 5L << Math.min(attempt, 4)));
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }


    /** Batches already taken are written before the application stops (Tomcat drains requests first). */
    @PreDestroy
    void shutdown() throws InterruptedException {
        writers.shutdown();
        if (!writers.awaitTermination(10, TimeUnit.SECONDS)) {
            log.warn("flash-sale writers still busy after 10 s; their uncommitted admissions will be given back");
        }
        confirmer.shutdown();
        if (!confirmer.awaitTermination(2, TimeUnit.SECONDS)) {
            log.info("flash-sale confirmations still queued at shutdown; the reconciler confirms them from the ledger");
        }
    }
}
