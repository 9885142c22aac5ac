package io.eventmall.command.coupon;

import io.eventmall.api.Money;
import io.eventmall.api.Refusal;
import io.eventmall.api.RuleViolation;
import io.eventmall.api.coupon.ClaimCoupon;
import io.eventmall.api.coupon.CouponClaimed;
import io.eventmall.api.coupon.CouponCreated;
import io.eventmall.api.coupon.CreateCoupon;
import io.eventmall.api.order.OrderLine;
import io.eventmall.command.Required;
import java.time.Instant;
import java.util.List;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * The single authority on how many claims of a coupon are left and how many one user may hold: all claims of a
 * coupon are commands on this aggregate, so a crowd racing for the last claims gets exactly the quantity. Like the
 * flash sale it holds the terms and what is left, nothing per user: who holds which claim is in the
 * {@link CouponLedger}. It also prices its discount for an order ({@link #discountFor}), which applies nothing.
 */
@Aggregate(cache = "aggregateCache", snapshotTriggerDefinition = "snapshotTrigger")
public class Coupon {

    @AggregateIdentifier
    private String couponId;
    private long discountAmount;
    private long minOrderAmount;
    private int perUserLimit;
    private Instant validFrom;
    private Instant validTo;
    private String merchantId;
    private int remaining;

    @CommandHandler
    public Coupon(CreateCoupon command) {
        Required.text("name", command.name());
        Required.positive("discountAmount", command.discountAmount());
        Required.positive("quantity", command.quantity());
        Required.positive("perUserLimit", command.perUserLimit());
        Required.value("validFrom", command.validFrom());
        Required.value("validTo", command.validTo());
        if (command.minOrderAmount() < 0) {
            throw RuleViolation.invalid("minOrderAmount must not be negative, was " + command.minOrderAmount());
        }
        if (!command.validTo().isAfter(command.validFrom())) {
            throw RuleViolation.invalid("validTo " + command.validTo() + " must be after validFrom " + command.validFrom());
        }
        apply(new CouponCreated(command.couponId(), command.name(), command.discountAmount(), command.minOrderAmount(),
                command.quantity(), command.perUserLimit(), command.validFrom(), command.validTo(),
                command.merchantId()));
    }

    protected Coupon() {
    }

    /**
     * The rules in the flash sale's order: window, per-user limit, claims left (so LIMIT_REACHED wins over SOLD_OUT).
     * A claim id already in the ledger is a retry: accepted again without a second claim.
     */
    @CommandHandler
    public void handle(ClaimCoupon command, CouponLedger ledger) {
        Required.text("claimId", command.claimId());
        Required.text("userId", command.userId());
        if (ledger.claim(command.claimId()).isPresent()) {
            return;
        }
        requireValidAt(GenericEventMessage.clock.instant());
        int held = ledger.claimsHeld(couponId, command.userId());
        if (held >= perUserLimit) {
            throw new RuleViolation(Refusal.LIMIT_REACHED, "user " + command.userId() + " holds " + held
                    + " of at most " + perUserLimit + " claims of coupon " + couponId);
        }
        if (remaining == 0) {
            throw new RuleViolation(Refusal.SOLD_OUT, "coupon " + couponId + " has no claims left");
        }
        apply(new CouponClaimed(couponId, command.claimId(), command.userId(), remaining - 1));
    }

    /**
     * The discount this coupon gives an order of these lines at {@code at}: the lines it applies to (a shop's coupon:
     * that shop's lines; otherwise all) must reach the minimum before any discount, and the discount is at most their
     * total. COUPON_NOT_APPLICABLE otherwise, or outside the validity window.
     */
    public long discountFor(List<OrderLine> lines, Instant at) {
        if (at.isBefore(validFrom) || !at.isBefore(validTo)) {
            throw new RuleViolation(Refusal.COUPON_NOT_APPLICABLE,
                    "coupon " + couponId + " is valid from " + validFrom + " to " + validTo);
        }
        long eligible = lines.stream().filter(line -> merchantId == null || merchantId.equals(line.merchantId()))
                .mapToLong(OrderLine::lineAmount).reduce(0L, Money::sum);
        if (eligible == 0 || eligible < minOrderAmount) {
            throw new RuleViolation(Refusal.COUPON_NOT_APPLICABLE, "coupon " + couponId + " needs "
                    + minOrderAmount + (merchantId == null ? "" : " of shop " + merchantId) + ", the order has "
                    + eligible);
        }
        return Math.min(discountAmount, eligible);
    }

    private void requireValidAt(Instant at) {
        if (at.isBefore(validFrom)) {
            throw new RuleViolation(Refusal.NOT_STARTED, "coupon " + couponId + " may be claimed from " + validFrom);
        }
        if (!at.isBefore(validTo)) {
            throw new RuleViolation(Refusal.ENDED, "coupon " + couponId + " ended at " + validTo);
        }
    }

    @EventSourcingHandler
    void on(CouponCreated event) {
        couponId = event.couponId();
        discountAmount = event.discountAmount();
        minOrderAmount = event.minOrderAmount();
        perUserLimit = event.perUserLimit();
        validFrom = event.validFrom();
        validTo = event.validTo();
        merchantId = event.merchantId();
        remaining = event.quantity();
    }

    @EventSourcingHandler
    void on(CouponClaimed event) {
        remaining = event.remaining();
    }
}
