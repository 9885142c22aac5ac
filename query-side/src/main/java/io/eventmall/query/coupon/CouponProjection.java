package io.eventmall.query.coupon;

import io.eventmall.api.coupon.CouponClaimPage;
import io.eventmall.api.coupon.CouponClaimStatus;
import io.eventmall.api.coupon.CouponClaimView;
import io.eventmall.api.coupon.CouponClaimed;
import io.eventmall.api.coupon.CouponCreated;
import io.eventmall.api.coupon.CouponView;
import io.eventmall.api.coupon.FindCoupon;
import io.eventmall.api.coupon.FindCouponClaimsOfUser;
import io.eventmall.api.order.OrderCancelled;
import io.eventmall.api.order.OrderExpired;
import io.eventmall.api.order.OrderPlaced;
import io.eventmall.api.order.OrderRejected;
import io.eventmall.query.paging.KeysetCursor;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Coupons with the claims left ({@code coupon_view}) and each user's claims ({@code coupon_claim_view}): a claim is
 * USED while an order holds it, from that order's OrderPlaced until it is cancelled, expires or is rejected, the
 * same moves the command side's ledger makes.
 */
@Component
@ProcessingGroup(CouponProjection.NAME)
public class CouponProjection {

    public static final String NAME = "coupons";

    private final JdbcTemplate jdbc;

    CouponProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(CouponCreated event) {
        jdbc.update("""
                INSERT INTO coupon_view (coupon_id, name, discount_amount, min_order_amount, quantity, remaining,
                    per_user_limit, valid_from, valid_to, merchant_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (coupon_id) DO NOTHING""",
                event.couponId(), event.name(), event.discountAmount(), event.minOrderAmount(), event.quantity(),
                event.quantity(), event.perUserLimit(), Timestamp.from(event.validFrom()),
                Timestamp.from(event.validTo()), event.merchantId());
    }

    @EventHandler
    void on(CouponClaimed event, @org.axonframework.eventhandling.Timestamp Instant at) {
        jdbc.update("UPDATE coupon_view SET remaining = ? WHERE coupon_id = ?", event.remaining(), event.couponId());
        jdbc.update("""
                INSERT INTO coupon_claim_view (claim_id, coupon_id, user_id, claimed_at) VALUES (?, ?, ?, ?)
                ON CONFLICT (claim_id) DO NOTHING""",
                event.claimId(), event.couponId(), event.userId(), Timestamp.from(at));
    }

    @EventHandler
    void on(OrderPlaced event) {
        if (event.couponClaimId() != null) {
            jdbc.update("UPDATE coupon_claim_view SET order_id = ? WHERE claim_id = ?", event.orderId(),
                    event.couponClaimId());
        }
    }

    @EventHandler
    void on(OrderCancelled event) {
        givenBack(event.orderId());
    }

    @EventHandler
    void on(OrderExpired event) {
        givenBack(event.orderId());
    }

    @EventHandler
    void on(OrderRejected event) {
        givenBack(event.orderId());
    }

    private void givenBack(String orderId) {
        jdbc.update("UPDATE coupon_claim_view SET order_id = NULL WHERE order_id = ?", orderId);
    }

    @ResetHandler
    void reset() {
        jdbc.update("DELETE FROM coupon_claim_view");
        jdbc.update("DELETE FROM coupon_view");
    }

    @QueryHandler
    Optional<CouponView> handle(FindCoupon query) {
        return jdbc.query("""
                SELECT coupon_id, name, discount_amount, min_order_amount, quantity, remaining, per_user_limit,
                    valid_from, valid_to, merchant_id FROM coupon_view WHERE coupon_id = ?""",
                (rs, row) -> new CouponView(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4),
                        rs.getInt(5), rs.getInt(6), rs.getInt(7), rs.getTimestamp(8).toInstant(),
                        rs.getTimestamp(9).toInstant(), rs.getString(10)),
                query.couponId()).stream().findFirst();
    }

    @QueryHandler
    CouponClaimPage handle(FindCouponClaimsOfUser query) {
        int size = KeysetCursor.pageSize(query.size());
        KeysetCursor after = KeysetCursor.startingAt(query.cursor());
        List<CouponClaimView> rows = jdbc.query("""
                SELECT claim_id, coupon_id, order_id, claimed_at FROM coupon_claim_view
                WHERE user_id = ? AND (claimed_at < ? OR (claimed_at = ? AND claim_id < ?))
                ORDER BY claimed_at DESC, claim_id DESC LIMIT ?""",
                (rs, row) -> claim(rs),
                query.userId(), Timestamp.from(after.at()), Timestamp.from(after.at()), after.id(), size + 1);
        return KeysetCursor.pageOf(rows, size, claim -> claim,
                claim -> new KeysetCursor(claim.claimedAt(), claim.claimId()), CouponClaimPage::new);
    }

    private static CouponClaimView claim(ResultSet rs) throws SQLException {
        String orderId = rs.getString(3);
        return new CouponClaimView(rs.getString(1), rs.getString(2),
                orderId == null ? CouponClaimStatus.AVAILABLE : CouponClaimStatus.USED, orderId,
                rs.getTimestamp(4).toInstant());
    }
}
