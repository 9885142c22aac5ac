package io.eventmall.command.coupon;

import java.util.Optional;

/**
 * The claims of every coupon, one row each, kept beside the event store in the same transaction as the events that
 * make, use and give them back (set-based validation, as the flash-sale ledger does for purchases). It keeps the
 * Coupon aggregate's state to its terms and the number left, however many users claimed it, and it is where the
 * rule "a claim is used by one order at a time" is settled: the row names the order holding the claim.
 */
public interface CouponLedger {

    Optional<Claim> claim(String claimId);

    /** How many claims of the coupon the user holds (used or not). */
    int claimsHeld(String couponId, String userId);

    /** {@code orderId} is the order holding the claim, null while it is available. */
    record Claim(String claimId, String couponId, String userId, String orderId) {

        public boolean inUse() {
            return orderId != null;
        }
    }
}
