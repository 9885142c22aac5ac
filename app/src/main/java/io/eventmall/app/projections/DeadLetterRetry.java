package io.eventmall.app.projections;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.messaging.deadletter.SequencedDeadLetterProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Events a read model failed on (Redis down, a bug) wait in its dead-letter queue, in order per aggregate, and
 * later events of the same aggregate queue behind them. This retries them on a fixed delay
 * ({@code mall.projections.dead-letter-retry-interval}): once the cause is gone the read model catches up with
 * nothing lost. A letter that fails again stays queued for the next round.
 */
@Component
public class DeadLetterRetry {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterRetry.class);

    private final EventProcessingConfiguration processing;
    private final int maxSequencesPerRound;

    DeadLetterRetry(EventProcessingConfiguration processing,
                    @Value("${mall.projections.dead-letter-max-sequences-per-round:1000}") int maxSequencesPerRound) {
        this.processing = processing;
        this.maxSequencesPerRound = maxSequencesPerRound;
    }

    @Scheduled(fixedDelayString = "${mall.projections.dead-letter-retry-interval:PT10S}",
            initialDelayString = "${mall.projections.dead-letter-retry-interval:PT10S}")
    public void retryAll() {
        processing.eventProcessors().keySet().forEach(name ->
                processing.sequencedDeadLetterProcessor(name).ifPresent(letters -> retry(name, letters)));
    }

    /** One round for one processor, now (an operator asked); returns how many sequences went through. */
    public int retryNow(String name) {
        return processing.sequencedDeadLetterProcessor(name).map(letters -> retry(name, letters)).orElse(0);
    }

    private int retry(String name, SequencedDeadLetterProcessor<?> letters) {
        long queued = processing.deadLetterQueue(name).map(queue -> queue.amountOfSequences()).orElse(0L);
        int handled = 0;
        try {
            for (int round = 0; round < Math.min(queued, maxSequencesPerRound); round++) {
                if (letters.processAny()) {
                    handled++;
                }
            }
        } catch (RuntimeException stillFailing) {
            log.warn("dead letters of {} still fail: {}", name, stillFailing.getMessage());
        }
        if (queued > 0) {
            log.info("dead letters of {}: {} sequence(s) queued, {} handled this round", name, queued, handled);
        }
        return handled;
    }
}
