package io.eventmall.command.coupon;

import io.eventmall.api.Refusal;
import io.eventmall.api.RuleViolation;
import io.eventmall.api.coupon.CouponClaimed;
import io.eventmall.api.order.OrderCancelled;
import io.eventmall.api.order.OrderExpired;
import io.eventmall.api.order.OrderPlaced;
import io.eventmall.api.order.OrderRejected;
import java.util.Optional;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * {@link CouponLedger} in {@code coupon_claim}, kept by a subscribing handler in the events' own transaction. An order
 * takes its claim with a conditional update: of two orders racing for one claim, the second waits on the row and
 * then finds it taken, so its placement fails as a whole (no order, no discount). A paid order keeps its claim; an
 * order cancelled, expired or rejected gives it back in the same transaction as that event.
 */
@Component
@ProcessingGroup(JdbcCouponLedger.PROCESSING_GROUP)
public class JdbcCouponLedger implements CouponLedger {

    public static final String PROCESSING_GROUP = "coupon-ledger";

    private final JdbcTemplate jdbc;

    JdbcCouponLedger(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<Claim> claim(String claimId) {
        return jdbc.query("SELECT claim_id, coupon_id, user_id, order_id FROM coupon_claim WHERE claim_id = ?",
                (row, i) -> new Claim(row.getString(1), row.getString(2), row.getString(3), row.getString(4)),
                claimId).stream().findFirst();
    }

    @Override
    public int claimsHeld(String couponId, String userId) {
        Integer held = jdbc.queryForObject("SELECT count(*) FROM coupon_claim WHERE coupon_id = ? AND user_id = ?",
                Integer.class, couponId, userId);
        return held == null ? 0 : held;
    }

    @EventHandler
    void on(CouponClaimed event) {
        jdbc.update("INSERT INTO coupon_claim (claim_id, coupon_id, user_id) VALUES (?, ?, ?)", event.claimId(),
                event.couponId(), event.userId());
    }

    @EventHandler
    void on(OrderPlaced event) {
        if (event.couponClaimId() == null) {
            return;
        }
        int taken = jdbc.update("UPDATE coupon_claim SET order_id = ? WHERE claim_id = ? AND user_id = ?"
                + " AND order_id IS NULL", event.orderId(), event.couponClaimId(), event.customerId());
        if (taken == 0) {
            throw new RuleViolation(Refusal.COUPON_NOT_APPLICABLE,
                    "coupon claim " + event.couponClaimId() + " is already used by another order");
        }
    }

    @EventHandler
    void on(OrderCancelled event) {
        giveBack(event.orderId());
    }

    @EventHandler
    void on(OrderExpired event) {
        giveBack(event.orderId());
    }

    @EventHandler
    void on(OrderRejected event) {
        giveBack(event.orderId());
    }

    private void giveBack(String orderId) {
        jdbc.update("UPDATE coupon_claim SET order_id = NULL WHERE order_id = ?", orderId);
    }
}
