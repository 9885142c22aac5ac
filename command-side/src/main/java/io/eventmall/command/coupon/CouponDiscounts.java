package io.eventmall.command.coupon;

import io.eventmall.api.Refusal;
import io.eventmall.api.RuleViolation;
import io.eventmall.api.order.OrderLine;
import java.util.List;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;

/**
 * What a coupon claim takes off an order being placed, decided at once: the claim must be the customer's own (another
 * user's is NOT_FOUND, as if it did not exist) and free, and the coupon must apply to the lines. That the claim is
 * still free when the order commits is settled by the ledger's conditional update in the same transaction.
 */
@Component
public class CouponDiscounts {

    private final CouponLedger ledger;
    private final Repository<Coupon> coupons;

    public CouponDiscounts(CouponLedger ledger, Repository<Coupon> couponRepository) {
        this.ledger = ledger;
        this.coupons = couponRepository;
    }

    public long discountFor(String claimId, String customerId, List<OrderLine> lines) {
        CouponLedger.Claim claim = ledger.claim(claimId).filter(held -> held.userId().equals(customerId))
                .orElseThrow(() -> new RuleViolation(Refusal.NOT_FOUND, "coupon claim " + claimId + " does not exist"));
        if (claim.inUse()) {
            throw new RuleViolation(Refusal.COUPON_NOT_APPLICABLE,
                    "coupon claim " + claimId + " is used by order " + claim.orderId());
        }
        try {
            return coupons.load(claim.couponId())
                    .invoke(coupon -> coupon.discountFor(lines, GenericEventMessage.clock.instant()));
        } catch (AggregateNotFoundException unknown) {
            throw new RuleViolation(Refusal.NOT_FOUND, "coupon " + claim.couponId() + " does not exist");
        }
    }
}
