package io.eventmall.app.flashsale;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code mall.flash-sale.*}: how purchases are batched and bounded.
 *
 * @param queueCapacity   purchases that may wait for one sale's writer on this node; beyond, 503 SALE_BUSY at once
 * @param batchSize       most purchases decided in one unit of work and transaction
 * @param batchLinger     how long a writer waits for more purchases when fewer than a batch are queued
 * @param writerThreads   threads (and so database connections at most) writing sales, each one sale at a time
 * @param answerTimeout   how long a request waits for its batch to commit before a 503 (the purchase may still commit:
 *                        a retry with the same Idempotency-Key gets its answer)
 * @param conflictRetries times a batch is decided again after another node appended to the sale meanwhile
 * @param reconcileGrace  how long an admission may stay uncommitted before it is given back to the sale
 */
@ConfigurationProperties("mall.flash-sale")
public record FlashSaleSettings(
        @DefaultValue("1000") int queueCapacity,
        @DefaultValue("500") int batchSize,
        @DefaultValue("PT0.002S") Duration batchLinger,
        @DefaultValue("4") int writerThreads,
        @DefaultValue("PT5S") Duration answerTimeout,
        @DefaultValue("10") int conflictRetries,
        @DefaultValue("PT10S") Duration reconcileGrace) {
}
