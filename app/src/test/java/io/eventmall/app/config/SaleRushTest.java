package io.eventmall.app.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** When a sale's writing is a rush, and how long a processor's transaction waits for it to pause. */
class SaleRushTest {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final SaleRush rush = new SaleRush(16, 400, Duration.ofMillis(200), Duration.ofMillis(600), Duration.ofSeconds(1), meters,
            new BackgroundPriority(Duration.ofSeconds(10)));
    private final AtomicInteger started = new AtomicInteger();
    private final TransactionManager counting = new TransactionManager() {
        @Override
        public Transaction startTransaction() {
            started.incrementAndGet();
            return NoTransactionManager.INSTANCE.startTransaction();
        }
    };
    private final TransactionManager held = new SaleRush.Held(counting, rush);

    @Test
    void smallBatchesAreNoRushAndHoldNothing() {
        rush.batchWritten("sale-1", 1);
        rush.batchWritten("sale-1", 15);
        assertThat(rush.inRush()).isFalse();

        long start = System.nanoTime();
        held.executeInTransaction(() -> { });
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(100));
        assertThat(started).hasValue(1);
    }

    @Test
    void aTransactionWaitsUntilTheRushPauses() {
        rush.batchWritten("sale-1", 16);
        assertThat(rush.inRush()).isTrue();

        long start = System.nanoTime();
        held.executeInTransaction(() -> { });
        Duration waited = Duration.ofNanos(System.nanoTime() - start);
        assertThat(waited).isBetween(Duration.ofMillis(150), Duration.ofMillis(500));
        assertThat(started).hasValue(1);
        assertThat(rush.inRush()).isFalse();
        assertThat(meters.timer("mall.flash-sale.rush.held").count()).isEqualTo(1);
    }

    @Test
    void aRushThatGoesOnHoldsATransactionNoLongerThanTheLongestHold() throws Exception {
        Thread writer = new Thread(() -> {
            long until = System.nanoTime() + Duration.ofSeconds(2).toNanos();
            while (System.nanoTime() < until) {
                rush.batchWritten("sale-1", 64);
                try {
                    Thread.sleep(20);
                } catch (InterruptedException stop) {
                    return;
                }
            }
        });
        writer.start();
        Thread.sleep(50);

        long start = System.nanoTime();
        held.executeInTransaction(() -> { });
        Duration waited = Duration.ofNanos(System.nanoTime() - start);
        assertThat(waited).isBetween(Duration.ofMillis(550), Duration.ofMillis(1_200));
        assertThat(rush.inRush()).isTrue();
        writer.interrupt();
        writer.join();
    }

    @Test
    void aCrowdOfAnswersIsARushAndAFewAnswersAreNot() {
        for (int i = 0; i < 99; i++) {
            rush.purchaseAnswered();
        }
        rush.measureTheCrowd();
        assertThat(rush.inRush()).as("99 answers in a quarter of a second are 396 a second").isFalse();
        for (int i = 0; i < 100; i++) {
            rush.purchaseAnswered();
        }
        rush.measureTheCrowd();
        assertThat(rush.inRush()).isTrue();
    }

    @Test
    void aRushThatHasGoneOnForTheLongestTimeHoldsNothingMoreUntilItPausesAndBeginsAgain() throws Exception {
        long first = System.nanoTime();
        while (System.nanoTime() - first < Duration.ofMillis(1_100).toNanos()) {
            rush.batchWritten("sale-1", 64);
            Thread.sleep(50);
        }
        rush.batchWritten("sale-1", 64);
        long start = System.nanoTime();
        held.executeInTransaction(() -> { });
        assertThat(Duration.ofNanos(System.nanoTime() - start))
                .as("the rush began more than a second ago: nothing is held any more").isLessThan(Duration.ofMillis(100));
        assertThat(rush.inRush()).isTrue();

        Thread.sleep(250);
        assertThat(rush.inRush()).isFalse();
        rush.batchWritten("sale-1", 64);
        start = System.nanoTime();
        held.executeInTransaction(() -> { });
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("a new rush holds again")
                .isGreaterThan(Duration.ofMillis(150));
    }

    @Test
    void aTransactionStartedWithinAnotherIsNotHeldSinceTheOuterOneHoldsAConnection() {
        rush.batchWritten("sale-1", 64);
        TransactionSynchronizationManager.setActualTransactionActive(true);
        try {
            long start = System.nanoTime();
            held.executeInTransaction(() -> { });
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(100));
        } finally {
            TransactionSynchronizationManager.setActualTransactionActive(false);
        }
    }
}
