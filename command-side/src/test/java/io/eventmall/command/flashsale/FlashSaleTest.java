package io.eventmall.command.flashsale;

import io.eventmall.api.Refusal;
import io.eventmall.api.flashsale.FlashSaleScheduled;
import io.eventmall.api.flashsale.FlashSaleUnitsPurchased;
import io.eventmall.api.flashsale.FlashSaleUnitsReturned;
import io.eventmall.api.flashsale.PurchaseFlashSaleUnits;
import io.eventmall.api.flashsale.ReturnFlashSaleUnits;
import io.eventmall.api.flashsale.ScheduleFlashSale;
import io.eventmall.command.Refused;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;

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

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(FlashSale.class);
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
        fixture.given(SCHEDULED)
                .andGivenCurrentTime(DURING)
                .when(purchase("p1", "alice", 2))
                .expectEvents(purchased("p1", "alice", 2, 3));
    }

    @Test
    void sellsFromTheFirstInstant() {
        fixture.given(SCHEDULED)
                .andGivenCurrentTime(STARTS)
                .when(purchase("p1", "alice", 1))
                .expectEvents(purchased("p1", "alice", 1, 4));
    }

    @Test
    void aRepeatedPurchaseAppliesNothingEvenOnceSoldOut() {
        fixture.given(SCHEDULED, purchased("p1", "alice", 2, 3), purchased("p2", "bob", 2, 1), purchased("p3", "carol", 1, 0))
                .andGivenCurrentTime(ENDS.plusSeconds(1))
                .when(purchase("p1", "alice", 2))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void refusesBeforeTheStart() {
        fixture.given(SCHEDULED)
                .andGivenCurrentTime(STARTS.minusMillis(1))
                .when(purchase("p1", "alice", 1))
                .expectNoEvents()
                .expectException(Refused.because(Refusal.NOT_STARTED));
    }

    @Test
    void refusesAtTheEnd() {
        fixture.given(SCHEDULED)
                .andGivenCurrentTime(ENDS)
                .when(purchase("p1", "alice", 1))
                .expectNoEvents()
                .expectException(Refused.because(Refusal.ENDED));
    }

    @Test
    void refusesAfterTheEnd() {
        fixture.given(SCHEDULED)
                .andGivenCurrentTime(ENDS.plusSeconds(3600))
                .when(purchase("p1", "alice", 1))
                .expectNoEvents()
                .expectException(Refused.because(Refusal.ENDED));
    }

    @Test
    void refusesPurchasingNothing() {
        fixture.given(SCHEDULED)
                .andGivenCurrentTime(DURING)
                .when(purchase("p1", "alice", 0))
                .expectNoEvents()
                .expectException(Refused.because(Refusal.VALIDATION_FAILED));
    }

    @Test
    void refusesMoreThanTheLimitAtOnce() {
        fixture.given(SCHEDULED)
                .andGivenCurrentTime(DURING)
                .when(purchase("p1", "alice", 3))
                .expectNoEvents()
                .expectException(Refused.because(Refusal.LIMIT_REACHED));
    }

    @Test
    void refusesGoingOverTheLimitAcrossPurchases() {
        fixture.given(SCHEDULED, purchased("p1", "alice", 1, 4), purchased("p2", "alice", 1, 3))
                .andGivenCurrentTime(DURING)
                .when(purchase("p3", "alice", 1))
                .expectNoEvents()
                .expectException(Refused.because(Refusal.LIMIT_REACHED))
                .expectExceptionMessage(containsString("holds 2"));
    }

    @Test
    void theLimitIsPerUser() {
        fixture.given(SCHEDULED, purchased("p1", "alice", 2, 3))
                .andGivenCurrentTime(DURING)
                .when(purchase("p2", "bob", 2))
                .expectEvents(purchased("p2", "bob", 2, 1));
    }

    @Test
    void returnedUnitsCountNoLongerAgainstTheLimit() {
        fixture.given(SCHEDULED, purchased("p1", "alice", 2, 3), new FlashSaleUnitsReturned(SALE, "p1", "alice", 2, 5))
                .andGivenCurrentTime(DURING)
                .when(purchase("p2", "alice", 2))
                .expectEvents(purchased("p2", "alice", 2, 3));
    }

    @Test
    void refusesWhenSoldOut() {
        fixture.given(SCHEDULED, purchased("p1", "alice", 2, 3), purchased("p2", "bob", 2, 1), purchased("p3", "carol", 1, 0))
                .andGivenCurrentTime(DURING)
                .when(purchase("p4", "dave", 1))
                .expectNoEvents()
                .expectException(Refused.because(Refusal.SOLD_OUT))
                .expectExceptionMessage(containsString("sold out"));
    }

    @Test
    void refusesMoreThanIsLeftAndSaysWhatIsLeft() {
        fixture.given(SCHEDULED, purchased("p1", "alice", 2, 3), purchased("p2", "bob", 2, 1))
                .andGivenCurrentTime(DURING)
                .when(purchase("p3", "carol", 2))
                .expectNoEvents()
                .expectException(Refused.because(Refusal.SOLD_OUT))
                .expectExceptionMessage(containsString("only 1 left"));
    }

    @Test
    void sellsTheLastUnit() {
        fixture.given(SCHEDULED, purchased("p1", "alice", 2, 3), purchased("p2", "bob", 2, 1))
                .andGivenCurrentTime(DURING)
                .when(purchase("p3", "carol", 1))
                .expectEvents(purchased("p3", "carol", 1, 0));
    }

    @Test
    void returnsAPurchasesUnits() {
        fixture.given(SCHEDULED, purchased("p1", "alice", 2, 3), purchased("p2", "bob", 1, 2))
                .when(new ReturnFlashSaleUnits(SALE, "p1"))
                .expectEvents(new FlashSaleUnitsReturned(SALE, "p1", "alice", 2, 4));
    }

    @Test
    void returnedUnitsCanBeBoughtAgain() {
        fixture.given(SCHEDULED, purchased("p1", "alice", 2, 3), purchased("p2", "bob", 2, 1), purchased("p3", "carol", 1, 0),
                        new FlashSaleUnitsReturned(SALE, "p2", "bob", 2, 2))
                .andGivenCurrentTime(DURING)
                .when(purchase("p4", "dave", 2))
                .expectEvents(purchased("p4", "dave", 2, 0));
    }

    @Test
    void returningTwiceAppliesNothing() {
        fixture.given(SCHEDULED, purchased("p1", "alice", 2, 3), new FlashSaleUnitsReturned(SALE, "p1", "alice", 2, 5))
                .when(new ReturnFlashSaleUnits(SALE, "p1"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void returningAnUnknownPurchaseAppliesNothing() {
        fixture.given(SCHEDULED, purchased("p1", "alice", 2, 3))
                .when(new ReturnFlashSaleUnits(SALE, "p9"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aReturnedPurchaseIdStaysUsed() {
        fixture.given(SCHEDULED, purchased("p1", "alice", 2, 3), new FlashSaleUnitsReturned(SALE, "p1", "alice", 2, 5))
                .andGivenCurrentTime(DURING)
                .when(purchase("p1", "alice", 2))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }
}
