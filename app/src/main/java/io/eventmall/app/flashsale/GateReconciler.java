package io.eventmall.app.flashsale;

import io.eventmall.command.flashsale.FlashSaleLedger;
import io.eventmall.query.gate.FlashSaleGate;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Gives back to the gate every admission whose purchase never committed: the node crashed with it queued, its batch
 * failed, the client went away. An admission still pending after {@code mall.flash-sale.reconcile-grace} is looked up
 * in the FlashSale ledger (the aggregate's own record of its purchases): a committed purchase is confirmed, any other
 * has its ticket withdrawn, so that demand above stock always sells every unit. Every node runs it; withdrawing is
 * idempotent and skips a ticket confirmed meanwhile.
 */
@Component
public class GateReconciler {

    private static final Logger log = LoggerFactory.getLogger(GateReconciler.class);
    private static final int BATCH = 1000;

    private final FlashSaleGate gate;
    private final FlashSaleLedger ledger;
    private final FlashSaleSettings settings;
    private final Clock clock;
    private final MeterRegistry meters;

    GateReconciler(FlashSaleGate gate, FlashSaleLedger ledger, FlashSaleSettings settings, Clock clock,
                   MeterRegistry meters) {
        this.gate = gate;
        this.ledger = ledger;
        this.settings = settings;
        this.clock = clock;
        this.meters = meters;
    }

    @Scheduled(fixedDelayString = "${mall.flash-sale.reconcile-interval:PT2S}",
            initialDelayString = "${mall.flash-sale.reconcile-interval:PT2S}")
    void reconcile() {
        try {
            gate.liveSales().forEach(this::reconcile);
        } catch (DataAccessException unavailable) {
            log.debug("flash-sale gate reconciliation skipped: {}", unavailable.getMessage());
        }
    }

    /** Returns how many admissions of the sale were given back. */
    public int reconcile(String flashSaleId) {
        Instant admittedBefore = clock.instant().minus(settings.reconcileGrace());
        List<FlashSaleGate.Ticket> stale = gate.pendingSince(flashSaleId, admittedBefore, BATCH);
        if (stale.isEmpty()) {
            return 0;
        }
        Set<String> made = ledger.purchasesOf(flashSaleId,
                        stale.stream().map(FlashSaleGate.Ticket::userId).collect(Collectors.toSet()))
                .values().stream().flatMap(List::stream).map(FlashSaleLedger.Purchase::purchaseId)
                .collect(Collectors.toSet());
        List<String> committed = stale.stream().map(FlashSaleGate.Ticket::purchaseId).filter(made::contains).toList();
        gate.confirm(flashSaleId, committed);
        List<FlashSaleGate.Ticket> lost = stale.stream().filter(ticket -> !made.contains(ticket.purchaseId())).toList();
        lost.forEach(ticket -> gate.expire(flashSaleId, ticket));
        if (!lost.isEmpty()) {
            meters.counter("mall.flash-sale.admissions.given-back").increment(lost.size());
            log.info("flash sale {}: gave back {} admission(s) whose purchase never committed", flashSaleId, lost.size());
        }
        return lost.size();
    }
}
