package io.eventmall.command.coupon;

import io.eventmall.api.coupon.CouponClaimed;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The ledger a fixture's given events would have left in {@code coupon_claim}: the fixture does not run the
 * subscribing handler that writes it, so tests record the same events here ({@code CouponIntegrationTest} runs the
 * real table).
 */
public final class LedgerOfCouponEvents implements CouponLedger {

    private final Map<String, Claim> claims = new LinkedHashMap<>();

    public void record(Object... events) {
        for (Object event : events) {
            if (event instanceof CouponClaimed claimed) {
                claims.put(claimed.claimId(), new Claim(claimed.claimId(), claimed.couponId(), claimed.userId(), null));
            }
        }
    }

    public void usedBy(String claimId, String orderId) {
        claims.computeIfPresent(claimId, (id, claim) -> new Claim(id, claim.couponId(), claim.userId(), orderId));
    }

    @Override
    public Optional<Claim> claim(String claimId) {
        return Optional.ofNullable(claims.get(claimId));
    }

    @Override
    public int claimsHeld(String couponId, String userId) {
        return (int) claims.values().stream()
                .filter(claim -> claim.couponId().equals(couponId) && claim.userId().equals(userId)).count();
    }
}
