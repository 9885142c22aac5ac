package io.eventmall.command.flashsale;

import io.eventmall.api.Refusal;
import io.eventmall.api.flashsale.FlashSalePurchaseDecision;
import io.eventmall.api.flashsale.FlashSaleScheduled;
import io.eventmall.api.flashsale.FlashSaleUnitsPurchased;
import io.eventmall.api.flashsale.FlashSaleUnitsReturned;
import io.eventmall.api.flashsale.PurchaseFlashSaleUnits;
import io.eventmall.api.flashsale.PurchaseFlashSaleUnitsInBatch;
import io.eventmall.api.flashsale.ReturnFlashSaleUnits;
import io.eventmall.api.flashsale.ScheduleFlashSale;
import io.eventmall.command.Refused;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.TestExecutor;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;

class FlashSaleTest {

    private static final String SALE = "flash-sale-1";
    private static final String PRODUCT = "product-1";
    private static final long SALE_PRICE = 990;
    private static final Instant STARTS = Instant.parse("2026-06-18T10:00:00Z");
    private static final Instant ENDS = Instant.parse("2026-06-18T10:30:00Z");
    private static final Instant DURING = STARTS.plusSeconds(60);

    /** Five units, at most two per user. */
    private static final FlashSaleScheduled SCHEDULED = new FlashSaleScheduled(SALE, PRODUCT, SALE_PRICE, 5, 2, STARTS, ENDS);

    private AggregateTestFixture<FlashSale> fixture;
    private final LedgerOfEvents ledger = new LedgerOfEvents();

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(FlashSale.class);
        fixture.registerInjectableResource(ledger);
    }

    /** The sale's history, in its stream and in the ledger its events write. */
    private TestExecutor<FlashSale> given(Object... events) {
        ledger.record(events);
        return fixture.given(events);
    }

    private static PurchaseFlashSaleUnits purchase(String purchaseId, String userId, int quantity) {
        return new PurchaseFlashSaleUnits(SALE, purchaseId, userId, quantity, "order-" + purchaseId);
    }

    private static FlashSaleUnitsPurchased purchased(String purchaseId, String userId, int quantity, int remaining) {
        return new FlashSaleUnitsPurchased(SALE, purchaseId, "order-" + purchaseId, userId, PRODUCT, quantity, SALE_PRICE, remaining);
    }

    @Test
    void schedulesASale() {
        fixture.givenNoPriorActivity()
                .when(new ScheduleFlashSale(SALE, PRODUCT, SALE_PRICE, 5, 2, STARTS, ENDS))
                .expectEvents(SCHEDULED);
    }

    @Test
    void refusesAFreeSale() {
        fixture.givenNoPriorActivity()
                .when(new ScheduleFlashSale(SALE, PRODUCT, 0, 5, 2, STARTS, ENDS))
                .expectNoEvents()
                .expectException(Refused.because(Refusal.VALIDATION_FAILED))
                .expectExceptionMessage(containsString("price"));
    }

    @Test
    void refusesASaleWithoutUnits() {
        fixture.givenNoPriorActivity()
                .when(new ScheduleFlashSale(SALE, PRODUCT, SALE_PRICE, 0, 2, STARTS, ENDS))
                .expectException(Refused.because(Refusal.VALIDATION_FAILED))
                .expectExceptionMessage(containsString("quantity"));
    }

    @Test
    void refusesAPerUserLimitBelowOne() {
        fixture.givenNoPriorActivity()
                .when(new ScheduleFlashSale(SALE, PRODUCT, SALE_PRICE, 5, 0, STARTS, ENDS))
                .expectException(Refused.because(Refusal.VALIDATION_FAILED))
                .expectExceptionMessage(containsString("perUserLimit"));
    }

    @Test
    void refusesASaleEndingWhenItStarts() {
        fixture.givenNoPriorActivity()
                .when(new ScheduleFlashSale(SALE, PRODUCT, SALE_PRICE, 5, 2, STARTS, STARTS))
                .expectException(Refused.because(Refusal.VALIDATION_FAILED))
                .expectExceptionMessage(containsString("endsAt"));
    }

    @Test
    void schedulesASaleBoughtWithAPurchaseTokenBehindAProofOfWork() {
        fixture.givenNoPriorActivity()
                .when(new ScheduleFlashSale(SALE, PRODUCT, SALE_PRICE, 5, 2, STARTS, ENDS, true, 16))
                .expectEvents(new FlashSaleScheduled(SALE, PRODUCT, SALE_PRICE, 5, 2, STARTS, ENDS, true, 16));
    }

    @Test
    void refusesAProofOfWorkBeyondWhatABrowserCanSolve() {
        fixture.givenNoPriorActivity()
                .when(new ScheduleFlashSale(SALE, PRODUCT, SALE_PRICE, 5, 2, STARTS, ENDS, true, 25))
                .expectException(Refused.because(Refusal.VALIDATION_FAILED))
                .expectExceptionMessage(containsString("proofOfWorkBits"));
    }

    @Test
    void refusesAProofOfWorkWithoutAPurchaseToken() {
        fixture.givenNoPriorActivity()
                .when(new ScheduleFlashSale(SALE, PRODUCT, SALE_PRICE, 5, 2, STARTS, ENDS, false, 8))
                .expectException(Refused.because(Refusal.VALIDATION_FAILED))
                .expectExceptionMessage(containsString("requirePurchaseToken"));
    }

    @Test
    void refusesASaleWithoutStart() {
        fixture.givenNoPriorActivity()
                .when(new ScheduleFlashSale(SALE, PRODUCT, SALE_PRICE, 5, 2, null, ENDS))
                .expectException(Refused.because(Refusal.VALIDATION_FAILED))
                .expectExceptionMessage(containsString("startsAt"));
    }

    @Test
    void refusesASaleWithoutProduct() {
        fixture.givenNoPriorActivity()
                .when(new ScheduleFlashSale(SALE, null, SALE_PRICE, 5, 2, STARTS, ENDS))
                .expectException(Refused.because(Refusal.VALIDATION_FAILED))
                .expectExceptionMessage(containsString("productId"));
    }

    @Test
    void sellsUnitsAtTheSalePrice() {
        given(SCHEDULED)
                .andGivenCurrentTime(DURING)
                .when(purchase("p1", "alice", 2))
                .expectEvents(purchased("p1", "alice", 2, 3));
    }

    @Test
    void sellsFromTheFirstInstant() {
        given(SCHEDULED)
                .andGivenCurrentTime(STARTS)
                .when(purchase("p1", "alice", 1))
                .expectEvents(purchased("p1", "alice", 1, 4));
    }

    @Test
    void aRepeatedPurchaseAppliesNothingEvenOnceSoldOut() {
        given(SCHEDULED, purchased("p1", "alice", 2, 3), purchased("p2", "bob", 2, 1), purchased("p3", "carol", 1, 0))
                .andGivenCurrentTime(ENDS.plusSeconds(1))
                .when(purchase("p1", "alice", 2))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void refusesBeforeTheStart() {
        given(SCHEDULED)
                .andGivenCurrentTime(STARTS.minusMillis(1))
                .when(purchase("p1", "alice", 1))
                .expectNoEvents()
                .expectException(Refused.because(Refusal.NOT_STARTED));
    }

    @Test
    void refusesAtTheEnd() {
        given(SCHEDULED)
                .andGivenCurrentTime(ENDS)
                .when(purchase("p1", "alice", 1))
                .expectNoEvents()
                .expectException(Refused.because(Refusal.ENDED));
    }

    @Test
    void refusesAfterTheEnd() {
        given(SCHEDULED)
                .andGivenCurrentTime(ENDS.plusSeconds(3600))
                .when(purchase("p1", "alice", 1))
                .expectNoEvents()
                .expectException(Refused.because(Refusal.ENDED));
    }

    @Test
    void refusesPurchasingNothing() {
        given(SCHEDULED)
                .andGivenCurrentTime(DURING)
                .when(purchase("p1", "alice", 0))
                .expectNoEvents()
                .expectException(Refused.because(Refusal.VALIDATION_FAILED));
    }

    @Test
    void refusesMoreThanTheLimitAtOnce() {
        given(SCHEDULED)
                .andGivenCurrentTime(DURING)
                .when(purchase("p1", "alice", 3))
                .expectNoEvents()
                .expectException(Refused.because(Refusal.LIMIT_REACHED));
    }

    @Test
    void refusesGoingOverTheLimitAcrossPurchases() {
        given(SCHEDULED, purchased("p1", "alice", 1, 4), purchased("p2", "alice", 1, 3))
                .andGivenCurrentTime(DURING)
                .when(purchase("p3", "alice", 1))
                .expectNoEvents()
                .expectException(Refused.because(Refusal.LIMIT_REACHED))
                .expectExceptionMessage(containsString("holds 2"));
    }

    @Test
    void theLimitIsPerUser() {
        given(SCHEDULED, purchased("p1", "alice", 2, 3))
                .andGivenCurrentTime(DURING)
                .when(purchase("p2", "bob", 2))
                .expectEvents(purchased("p2", "bob", 2, 1));
    }

    @Test
    void returnedUnitsCountNoLongerAgainstTheLimit() {
        given(SCHEDULED, purchased("p1", "alice", 2, 3), new FlashSaleUnitsReturned(SALE, "p1", "alice", 2, 5))
                .andGivenCurrentTime(DURING)
                .when(purchase("p2", "alice", 2))
                .expectEvents(purchased("p2", "alice", 2, 3));
    }

    @Test
    void refusesWhenSoldOut() {
        given(SCHEDULED, purchased("p1", "alice", 2, 3), purchased("p2", "bob", 2, 1), purchased("p3", "carol", 1, 0))
                .andGivenCurrentTime(DURING)
                .when(purchase("p4", "dave", 1))
                .expectNoEvents()
                .expectException(Refused.because(Refusal.SOLD_OUT))
                .expectExceptionMessage(containsString("sold out"));
    }

    @Test
    void refusesMoreThanIsLeftAndSaysWhatIsLeft() {
        given(SCHEDULED, purchased("p1", "alice", 2, 3), purchased("p2", "bob", 2, 1))
                .andGivenCurrentTime(DURING)
                .when(purchase("p3", "carol", 2))
                .expectNoEvents()
                .expectException(Refused.because(Refusal.SOLD_OUT))
                .expectExceptionMessage(containsString("only 1 left"));
    }

    @Test
    void sellsTheLastUnit() {
        given(SCHEDULED, purchased("p1", "alice", 2, 3), purchased("p2", "bob", 2, 1))
                .andGivenCurrentTime(DURING)
                .when(purchase("p3", "carol", 1))
                .expectEvents(purchased("p3", "carol", 1, 0));
    }

    @Test
    void returnsAPurchasesUnits() {
        given(SCHEDULED, purchased("p1", "alice", 2, 3), purchased("p2", "bob", 1, 2))
                .when(new ReturnFlashSaleUnits(SALE, "p1", "alice"))
                .expectEvents(new FlashSaleUnitsReturned(SALE, "p1", "alice", 2, 4));
    }

    @Test
    void returnedUnitsCanBeBoughtAgain() {
        given(SCHEDULED, purchased("p1", "alice", 2, 3), purchased("p2", "bob", 2, 1), purchased("p3", "carol", 1, 0),
                        new FlashSaleUnitsReturned(SALE, "p2", "bob", 2, 2))
                .andGivenCurrentTime(DURING)
                .when(purchase("p4", "dave", 2))
                .expectEvents(purchased("p4", "dave", 2, 0));
    }

    @Test
    void returningTwiceAppliesNothing() {
        given(SCHEDULED, purchased("p1", "alice", 2, 3), new FlashSaleUnitsReturned(SALE, "p1", "alice", 2, 5))
                .when(new ReturnFlashSaleUnits(SALE, "p1", "alice"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void returningAnUnknownPurchaseAppliesNothing() {
        given(SCHEDULED, purchased("p1", "alice", 2, 3))
                .when(new ReturnFlashSaleUnits(SALE, "p9", "alice"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    /** A purchase is its buyer's: named with another buyer (or none) it is not found, and nothing is returned. */
    @Test
    void returningAPurchaseInAnotherBuyersNameAppliesNothing() {
        given(SCHEDULED, purchased("p1", "alice", 2, 3))
                .when(new ReturnFlashSaleUnits(SALE, "p1", "bob"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        given(SCHEDULED, purchased("p1", "alice", 2, 3))
                .when(new ReturnFlashSaleUnits(SALE, "p1", null))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aReturnedPurchaseIdStaysUsed() {
        given(SCHEDULED, purchased("p1", "alice", 2, 3), new FlashSaleUnitsReturned(SALE, "p1", "alice", 2, 5))
                .andGivenCurrentTime(DURING)
                .when(purchase("p1", "alice", 2))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aBatchDecidesEachPurchaseAsIfItCameAlone() {
        given(SCHEDULED, purchased("p1", "alice", 2, 3))
                .andGivenCurrentTime(DURING)
                .when(new PurchaseFlashSaleUnitsInBatch(SALE, List.of(
                        purchase("p2", "bob", 2),
                        purchase("p3", "alice", 1),
                        purchase("p4", "carol", 0),
                        purchase("p5", "bob", 1),
                        purchase("p6", "carol", 1),
                        purchase("p7", "dave", 1),
                        purchase("p1", "alice", 2))))
                .expectEvents(purchased("p2", "bob", 2, 1), purchased("p6", "carol", 1, 0))
                .expectResultMessagePayloadMatching(contains(
                        decision("p2", null),
                        decision("p3", Refusal.LIMIT_REACHED),
                        decision("p4", Refusal.VALIDATION_FAILED),
                        decision("p5", Refusal.LIMIT_REACHED),
                        decision("p6", null),
                        decision("p7", Refusal.SOLD_OUT),
                        decision("p1", null)));
    }

    @Test
    void aPurchaseRepeatedWithinABatchIsMadeOnce() {
        given(SCHEDULED)
                .andGivenCurrentTime(DURING)
                .when(new PurchaseFlashSaleUnitsInBatch(SALE, List.of(purchase("p1", "alice", 1), purchase("p1", "alice", 1))))
                .expectEvents(purchased("p1", "alice", 1, 4))
                .expectResultMessagePayloadMatching(contains(decision("p1", null), decision("p1", null)));
    }

    @Test
    void aBatchOutsideTheWindowRefusesEveryPurchase() {
        given(SCHEDULED)
                .andGivenCurrentTime(ENDS)
                .when(new PurchaseFlashSaleUnitsInBatch(SALE, List.of(purchase("p1", "alice", 1), purchase("p2", "bob", 1))))
                .expectNoEvents()
                .expectResultMessagePayloadMatching(contains(
                        decision("p1", Refusal.ENDED), decision("p2", Refusal.ENDED)));
    }

    /** Matches the purchase id and the refusal code (null: accepted), whatever the reason's wording. */
    private static Matcher<FlashSalePurchaseDecision> decision(String purchaseId, Refusal refusal) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(FlashSalePurchaseDecision decision) {
                return decision.purchaseId().equals(purchaseId) && decision.refusal() == refusal;
            }

            @Override
            public void describeTo(Description description) {
                description.appendText(purchaseId + " " + (refusal == null ? "accepted" : "refused " + refusal));
            }
        };
    }
}
