package io.eventmall.query.gate;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Remembers, for a moment ({@code mall.flash-sale.sold-out-memo}), that the gate found a sale sold out, so that the
 * crowd still knocking after a sell-out is answered SOLD_OUT by this node without a Redis round trip each (the rate
 * limit's and the gate's). After a 10,000-unit sell-out most of a spike's requests are such knocks (two thirds of the
 * benchmark's answers); with the round trips and the exception that carried the answer, each cost four to five
 * times the trivial endpoint.
 * <p>
 * Units do come back (a refused purchase's admission, one given back by the reconciler, an expired order's units):
 * the gate forgets its memo whenever it gives units back or counts returned ones on this node, so only what another
 * node gives back waits, at most the memo's lifetime. Callers ask it only for a purchase without an Idempotency-Key
 * ({@link FlashSaleGate#recentlySoldOut}): its id is new, so it cannot be the retry of an admitted purchase, which
 * the gate answers from its ticket.
 */
@Component
public class SoldOutMemo {

    /** Operators watch this beside the gate's outcomes: purchases answered SOLD_OUT from the memo. */
    public static final String ANSWERS = "mall.flash-sale.sold-out-memo.answers";

    private final long lifetimeNanos;
    private final Map<String, Long> soldOutUntil = new ConcurrentHashMap<>();
    private final Counter answers;

    SoldOutMemo(@Value("${mall.flash-sale.sold-out-memo:PT0.25S}") Duration lifetime, MeterRegistry meters) {
        this.answers = meters.counter(ANSWERS);
        if (lifetime.isNegative()) {
            throw new IllegalArgumentException("mall.flash-sale.sold-out-memo must not be negative, was " + lifetime);
        }
        this.lifetimeNanos = lifetime.toNanos();
    }

    /** Whether the gate found the sale sold out within the memo's lifetime; a yes is counted as an answer. */
    public boolean soldOut(String flashSaleId) {
        Long until = soldOutUntil.get(flashSaleId);
        if (until == null) {
            return false;
        }
        if (System.nanoTime() - until < 0) {
            answers.increment();
            return true;
        }
        soldOutUntil.remove(flashSaleId, until);
        return false;
    }

    /** The gate just answered SOLD_OUT for the sale. */
    public void rememberSoldOut(String flashSaleId) {
        if (lifetimeNanos > 0) {
            soldOutUntil.put(flashSaleId, System.nanoTime() + lifetimeNanos);
        }
    }

    /** Units of the sale were given back through this node: the next buyer asks the gate again. */
    public void forget(String flashSaleId) {
        soldOutUntil.remove(flashSaleId);
    }
}
