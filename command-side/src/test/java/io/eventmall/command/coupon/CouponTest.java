package io.eventmall.command.coupon;

import io.eventmall.api.Refusal;
import io.eventmall.api.coupon.ClaimCoupon;
import io.eventmall.api.coupon.CouponClaimed;
import io.eventmall.api.coupon.CouponCreated;
import io.eventmall.api.coupon.CreateCoupon;
import io.eventmall.command.Refused;
import java.time.Instant;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.TestExecutor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CouponTest {

    private static final String COUPON = "coupon-1";
    private static final Instant FROM = Instant.parse("2026-06-18T10:00:00Z");
    private static final Instant TO = Instant.parse("2026-06-19T10:00:00Z");
    private static final Instant DURING = FROM.plusSeconds(60);

    /** Two claims, at most one per user: 5.00 off orders of at least 20.00. */
    private static final CouponCreated CREATED = new CouponCreated(COUPON, "Summer", 500, 2_000, 2, 1, FROM, TO, null);

    private AggregateTestFixture<Coupon> fixture;
    private final LedgerOfCouponEvents ledger = new LedgerOfCouponEvents();

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Coupon.class);
        fixture.registerInjectableResource(ledger);
    }

    private TestExecutor<Coupon> given(Object... events) {
        ledger.record(events);
        return fixture.given(events);
    }

    @Test
    void aCouponIsCreatedWithItsTerms() {
        fixture.givenNoPriorActivity()
                .when(new CreateCoupon(COUPON, "Summer", 500, 2_000, 2, 1, FROM, TO, null))
                .expectEvents(CREATED);
    }

    @Test
    void aCouponNeedsAPositiveDiscountAndAWindow() {
        fixture.givenNoPriorActivity()
                .when(new CreateCoupon(COUPON, "Summer", 0, 2_000, 2, 1, FROM, TO, null))
                .expectException(Refused.because(Refusal.VALIDATION_FAILED));
        fixture.givenNoPriorActivity()
                .when(new CreateCoupon(COUPON, "Summer", 500, 2_000, 2, 1, TO, FROM, null))
                .expectException(Refused.because(Refusal.VALIDATION_FAILED));
    }

    @Test
    void aClaimTakesOneOfTheQuantity() {
        given(CREATED).andGivenCurrentTime(DURING)
                .when(new ClaimCoupon(COUPON, "claim-1", "ada"))
                .expectEvents(new CouponClaimed(COUPON, "claim-1", "ada", 1));
    }

    @Test
    void aRetriedClaimIsTheSameClaim() {
        given(CREATED, new CouponClaimed(COUPON, "claim-1", "ada", 1)).andGivenCurrentTime(DURING)
                .when(new ClaimCoupon(COUPON, "claim-1", "ada"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aUserBeyondTheLimitIsRefusedEvenWhenSoldOut() {
        given(CREATED, new CouponClaimed(COUPON, "claim-1", "ada", 1), new CouponClaimed(COUPON, "claim-2", "bob", 0))
                .andGivenCurrentTime(DURING)
                .when(new ClaimCoupon(COUPON, "claim-3", "ada"))
                .expectException(Refused.because(Refusal.LIMIT_REACHED));
    }

    @Test
    void noClaimIsLeftOnceTheQuantityIsClaimed() {
        given(CREATED, new CouponClaimed(COUPON, "claim-1", "ada", 1), new CouponClaimed(COUPON, "claim-2", "bob", 0))
                .andGivenCurrentTime(DURING)
                .when(new ClaimCoupon(COUPON, "claim-3", "carol"))
                .expectException(Refused.because(Refusal.SOLD_OUT));
    }

    @Test
    void claimsOnlyWithinTheWindow() {
        given(CREATED).andGivenCurrentTime(FROM.minusMillis(1))
                .when(new ClaimCoupon(COUPON, "claim-1", "ada"))
                .expectException(Refused.because(Refusal.NOT_STARTED));
        given(CREATED).andGivenCurrentTime(TO)
                .when(new ClaimCoupon(COUPON, "claim-1", "ada"))
                .expectException(Refused.because(Refusal.ENDED));
    }
}
