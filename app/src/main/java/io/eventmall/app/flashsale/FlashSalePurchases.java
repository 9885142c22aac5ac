package io.eventmall.app.flashsale;

import io.eventmall.api.Refusal;
import io.eventmall.api.RuleViolation;
import io.eventmall.api.flashsale.FlashSalePurchaseDecision;
import io.eventmall.api.flashsale.PurchaseFlashSaleUnits;
import io.eventmall.api.flashsale.PurchaseStatus;
import io.eventmall.app.config.SaleRush;
import io.eventmall.app.web.ApiProblem;
import io.eventmall.app.web.IdempotencyKeys;
import io.eventmall.query.analytics.FlashSaleFunnel;
import io.eventmall.query.gate.FlashSaleGate;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Buying flash-sale units: the per-user rate limit, the purchase token where the sale requires one, then the Redis gate (which turns most of a spike away; once it has found the sale sold out,
 * this node answers purchases without an Idempotency-Key from that memory for a moment,
 * {@link FlashSaleGate#recentlySoldOut}), then the
 * sale's batched writer, whose FlashSale aggregate decides. The answer comes once the purchase's batch committed, so
 * an accepted purchase is durable; its order is created asynchronously, with the id returned here. Every answer, of
 * any kind, is counted in the sale's funnel ({@link FlashSaleFunnel}).
 */
@Service
public class FlashSalePurchases {

    private static final Logger log = LoggerFactory.getLogger(FlashSalePurchases.class);
    private static final Duration RETRY_SOON = Duration.ofSeconds(1);

    private final PurchaseRateLimit rateLimit;
    private final PurchaseTokens purchaseTokens;
    private final FlashSaleGate gate;
    private final FlashSaleWriter writer;
    private final FlashSaleSettings settings;
    private final FlashSaleFunnel funnel;
    private final Clock clock;
    private final SaleRush rush;

    FlashSalePurchases(PurchaseRateLimit rateLimit, PurchaseTokens purchaseTokens, FlashSaleGate gate,
                       FlashSaleWriter writer, FlashSaleSettings settings, FlashSaleFunnel funnel, Clock clock,
                       SaleRush rush) {
        this.rush = rush;
        this.funnel = funnel;
        this.rateLimit = rateLimit;
        this.purchaseTokens = purchaseTokens;
        this.gate = gate;
        this.writer = writer;
        this.settings = settings;
        this.clock = clock;
    }

    /** How a purchase was answered: committed, or refused by the sale's rules. */
    public sealed interface PurchaseOutcome permits PurchaseAccepted, PurchaseRefused {
    }

    /** What a committed purchase is answered with. */
    public record PurchaseAccepted(String purchaseId, PurchaseStatus status, String orderId) implements PurchaseOutcome {
    }

    /**
     * The gate or the sale refused the purchase (sold out, limit reached, not started, ended). It is the answer most
     * of a spike gets, so it is returned, not thrown: resolving a thrown refusal through the exception handlers
     * (and the reflective call's wrapping exception, stack trace and all) was a fifth of a refused purchase's
     * dispatch in the spike's profile.
     */
    public record PurchaseRefused(Refusal refusal, String reason) implements PurchaseOutcome {
    }

    /**
     * The sale's refusals are returned ({@link PurchaseRefused}); the rest is thrown: {@link ApiProblem} for the rate
     * limit (429), a missing or wrong purchase token where the sale requires one (403), and a purchase this node
     * cannot take or answer in time (503 with Retry-After).
     */
    public PurchaseOutcome purchase(String flashSaleId, String buyer, int quantity, String idempotencyKey,
                                    String purchaseToken) {
        rush.purchaseAnswered();
        if (!IdempotencyKeys.given(idempotencyKey) && gate.recentlySoldOut(flashSaleId)) {
            funnel.record(flashSaleId, FlashSaleFunnel.Outcome.SOLD_OUT);
            return refused(flashSaleId, Refusal.SOLD_OUT);
        }
        try {
            PurchaseOutcome outcome = purchaseOnce(flashSaleId, buyer, quantity, idempotencyKey, purchaseToken);
            funnel.record(flashSaleId, outcome instanceof PurchaseRefused refused
                    ? FlashSaleFunnel.Outcome.of(refused.refusal()) : FlashSaleFunnel.Outcome.ADMITTED);
            return outcome;
        } catch (RuntimeException answered) {
            funnel.record(flashSaleId, answered instanceof ApiProblem problem && "RATE_LIMITED".equals(problem.code())
                    ? FlashSaleFunnel.Outcome.RATE_LIMITED : FlashSaleFunnel.Outcome.of(answered));
            throw answered;
        }
    }

    private PurchaseOutcome purchaseOnce(String flashSaleId, String buyer, int quantity, String idempotencyKey,
                                         String purchaseToken) {
        rateLimit.admit(buyer);
        purchaseTokens.requireFor(flashSaleId, buyer, purchaseToken);
        String purchaseId = IdempotencyKeys.idFor("flash-sale:" + flashSaleId, buyer, idempotencyKey);
        String orderId = orderOf(purchaseId);
        FlashSaleGate.Decision admission = gate.admit(flashSaleId, purchaseId, buyer, quantity, clock.instant());
        if (admission.refused()) {
            return refused(flashSaleId, admission.refusal());
        }
        FlashSalePurchaseDecision decision = decide(new PurchaseFlashSaleUnits(flashSaleId, purchaseId, buyer, quantity,
                orderId), admission);
        if (!decision.isAccepted()) {
            if (admission.ticketTaken()) {
                gate.cancel(flashSaleId, purchaseId, buyer, quantity);
            }
            return new PurchaseRefused(decision.refusal(), decision.reason());
        }
        log.debug("flash sale {}: purchase {} of {} unit(s) committed for user {}, order {}", flashSaleId, purchaseId,
                quantity, buyer, orderId);
        return new PurchaseAccepted(purchaseId, PurchaseStatus.QUEUED, orderId);
    }

    /** The gate's refusal (or its memo's), before the purchase reached the sale. */
    private static PurchaseRefused refused(String flashSaleId, Refusal refusal) {
        return new PurchaseRefused(refusal, "flash sale " + flashSaleId + ": " + refusal);
    }

    /** The purchase's order id follows from the purchase, so a retried purchase names the same order. */
    public static String orderOf(String purchaseId) {
        return UUID.nameUUIDFromBytes(("order-of-purchase:" + purchaseId).getBytes(StandardCharsets.UTF_8)).toString();
    }

    private FlashSalePurchaseDecision decide(PurchaseFlashSaleUnits purchase, FlashSaleGate.Decision admission) {
        CompletableFuture<FlashSalePurchaseDecision> decision;
        try {
            decision = writer.submit(purchase);
        } catch (FlashSaleWriter.QueueFull full) {
            if (admission.ticketTaken()) {
                gate.cancel(purchase.flashSaleId(), purchase.purchaseId(), purchase.userId(), purchase.quantity());
            }
            throw new ApiProblem(HttpStatus.SERVICE_UNAVAILABLE, "SALE_BUSY",
                    "too many purchases are waiting for this flash sale; retry shortly", RETRY_SOON);
        }
        try {
            return decision.get(settings.answerTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException late) {
            // The batch may still commit: the admission stays pending, so the reconciler gives it back if it does
            // not, and a retry with the same Idempotency-Key is answered from the ledger if it does.
            log.warn("flash sale {}: purchase {} not committed within {}; answered 503", purchase.flashSaleId(),
                    purchase.purchaseId(), settings.answerTimeout());
            throw new ApiProblem(HttpStatus.SERVICE_UNAVAILABLE, "SALE_BUSY",
                    "the purchase was not confirmed in time; retry with the same Idempotency-Key", RETRY_SOON);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new ApiProblem(HttpStatus.SERVICE_UNAVAILABLE, "SALE_BUSY", "interrupted while waiting", RETRY_SOON);
        } catch (ExecutionException failed) {
            if (admission.ticketTaken() && failed.getCause() instanceof RuleViolation) {
                gate.cancel(purchase.flashSaleId(), purchase.purchaseId(), purchase.userId(), purchase.quantity());
            }
            throw failed.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(failed);
        }
    }
}
