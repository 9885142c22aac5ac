package io.eventmall.command.inventory;

import io.eventmall.api.Refusal;
import io.eventmall.api.inventory.AddStock;
import io.eventmall.api.inventory.CommitStock;
import io.eventmall.api.inventory.ReleaseStock;
import io.eventmall.api.inventory.ReserveStock;
import io.eventmall.api.inventory.ReturnStock;
import io.eventmall.api.inventory.StockAdded;
import io.eventmall.api.inventory.StockCommitted;
import io.eventmall.api.inventory.StockReleased;
import io.eventmall.api.inventory.StockReserved;
import io.eventmall.api.inventory.StockReturned;
import io.eventmall.command.Refused;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.hamcrest.Matchers.containsString;

class InventoryTest {

    private static final String PRODUCT = "product-1";
    private static final String ORDER = "order-1";
    private static final StockAdded TEN_ADDED = new StockAdded(PRODUCT, 10, 10);
    private static final StockReserved THREE_RESERVED = new StockReserved(PRODUCT, ORDER, 3, 7);
    private static final StockReleased THREE_RELEASED = new StockReleased(PRODUCT, ORDER, 3, 10);
    private static final StockCommitted THREE_COMMITTED = new StockCommitted(PRODUCT, ORDER, 3);
    private static final StockReturned THREE_RETURNED = new StockReturned(PRODUCT, ORDER, 3, 10);

    private AggregateTestFixture<Inventory> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Inventory.class);
    }

    @Test
    void theFirstStockCreatesTheInventory() {
        fixture.givenNoPriorActivity()
                .when(new AddStock(PRODUCT, 10))
                .expectEvents(TEN_ADDED)
                .expectResultMessagePayload(10);
    }

    @Test
    void aProductNeverStockedHasNothingToReserve() {
        fixture.givenNoPriorActivity()
                .when(new ReserveStock(PRODUCT, "order-1", 1))
                .expectNoEvents()
                .expectException(Refused.because(Refusal.INSUFFICIENT_STOCK));
    }

    @Test
    void addedStockAddsToWhatIsAvailable() {
        fixture.given(TEN_ADDED, THREE_RESERVED)
                .when(new AddStock(PRODUCT, 5))
                .expectEvents(new StockAdded(PRODUCT, 5, 12))
                .expectResultMessagePayload(12);
    }

    @Test
    void refusesAddingNoStock() {
        fixture.given(TEN_ADDED)
                .when(new AddStock(PRODUCT, 0))
                .expectNoEvents()
                .expectException(Refused.because(Refusal.VALIDATION_FAILED))
                .expectExceptionMessage(containsString("quantity"));
    }

    @Test
    void refusesANegativeFirstStock() {
        fixture.givenNoPriorActivity()
                .when(new AddStock(PRODUCT, -5))
                .expectNoEvents()
                .expectException(Refused.because(Refusal.VALIDATION_FAILED));
    }

    @Test
    void refusesStockBeyondTheLargestCount() {
        fixture.given(TEN_ADDED)
                .when(new AddStock(PRODUCT, Integer.MAX_VALUE))
                .expectNoEvents()
                .expectException(Refused.because(Refusal.VALIDATION_FAILED));
    }

    @Test
    void reservesAvailableStock() {
        fixture.given(TEN_ADDED)
                .when(new ReserveStock(PRODUCT, ORDER, 3))
                .expectEvents(THREE_RESERVED);
    }

    @Test
    void reservesTheLastUnits() {
        fixture.given(TEN_ADDED, THREE_RESERVED)
                .when(new ReserveStock(PRODUCT, "order-2", 7))
                .expectEvents(new StockReserved(PRODUCT, "order-2", 7, 0));
    }

    @Test
    void refusesReservingMoreThanIsAvailable() {
        fixture.given(TEN_ADDED, THREE_RESERVED)
                .when(new ReserveStock(PRODUCT, "order-2", 8))
                .expectNoEvents()
                .expectException(Refused.because(Refusal.INSUFFICIENT_STOCK))
                .expectExceptionMessage(containsString("7 units available"));
    }

    @Test
    void refusesReservingNothing() {
        fixture.given(TEN_ADDED)
                .when(new ReserveStock(PRODUCT, ORDER, 0))
                .expectNoEvents()
                .expectException(Refused.because(Refusal.VALIDATION_FAILED));
    }

    @Test
    void aSecondReservationForTheSameOrderAppliesNothing() {
        fixture.given(TEN_ADDED, THREE_RESERVED)
                .when(new ReserveStock(PRODUCT, ORDER, 3))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aReleasedOrderDoesNotReserveAgain() {
        fixture.given(TEN_ADDED, THREE_RESERVED, THREE_RELEASED)
                .when(new ReserveStock(PRODUCT, ORDER, 3))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void releasesAReservation() {
        fixture.given(TEN_ADDED, THREE_RESERVED)
                .when(new ReleaseStock(PRODUCT, ORDER))
                .expectEvents(THREE_RELEASED);
    }

    @Test
    void aSecondReleaseAppliesNothing() {
        fixture.given(TEN_ADDED, THREE_RESERVED, THREE_RELEASED)
                .when(new ReleaseStock(PRODUCT, ORDER))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void releasingAnUnknownOrderAppliesNothing() {
        fixture.given(TEN_ADDED)
                .when(new ReleaseStock(PRODUCT, ORDER))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void refusesReleasingCommittedStock() {
        fixture.given(TEN_ADDED, THREE_RESERVED, THREE_COMMITTED)
                .when(new ReleaseStock(PRODUCT, ORDER))
                .expectNoEvents()
                .expectException(Refused.because(Refusal.INVALID_STATE))
                .expectExceptionMessage(containsString("COMMITTED"));
    }

    @Test
    void refusesReleasingReturnedStock() {
        fixture.given(TEN_ADDED, THREE_RESERVED, THREE_COMMITTED, THREE_RETURNED)
                .when(new ReleaseStock(PRODUCT, ORDER))
                .expectNoEvents()
                .expectException(Refused.because(Refusal.INVALID_STATE));
    }

    @Test
    void commitsAReservation() {
        fixture.given(TEN_ADDED, THREE_RESERVED)
                .when(new CommitStock(PRODUCT, ORDER))
                .expectEvents(THREE_COMMITTED);
    }

    @Test
    void aSecondCommitAppliesNothing() {
        fixture.given(TEN_ADDED, THREE_RESERVED, THREE_COMMITTED)
                .when(new CommitStock(PRODUCT, ORDER))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aCommitRedeliveredAfterTheReturnAppliesNothing() {
        fixture.given(TEN_ADDED, THREE_RESERVED, THREE_COMMITTED, THREE_RETURNED)
                .when(new CommitStock(PRODUCT, ORDER))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void refusesCommittingReleasedStock() {
        fixture.given(TEN_ADDED, THREE_RESERVED, THREE_RELEASED)
                .when(new CommitStock(PRODUCT, ORDER))
                .expectNoEvents()
                .expectException(Refused.because(Refusal.INVALID_STATE))
                .expectExceptionMessage(containsString("RELEASED"));
    }

    @Test
    void refusesCommittingAnUnknownOrder() {
        fixture.given(TEN_ADDED)
                .when(new CommitStock(PRODUCT, ORDER))
                .expectNoEvents()
                .expectException(Refused.because(Refusal.INVALID_STATE));
    }

    @Test
    void returnsCommittedStock() {
        fixture.given(TEN_ADDED, THREE_RESERVED, THREE_COMMITTED)
                .when(new ReturnStock(PRODUCT, ORDER))
                .expectEvents(THREE_RETURNED);
    }

    @Test
    void returnsOnTopOfStockAddedMeanwhile() {
        fixture.given(TEN_ADDED, THREE_RESERVED, THREE_COMMITTED, new StockAdded(PRODUCT, 5, 12))
                .when(new ReturnStock(PRODUCT, ORDER))
                .expectEvents(new StockReturned(PRODUCT, ORDER, 3, 15));
    }

    @Test
    void aSecondReturnAppliesNothing() {
        fixture.given(TEN_ADDED, THREE_RESERVED, THREE_COMMITTED, THREE_RETURNED)
                .when(new ReturnStock(PRODUCT, ORDER))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void refusesReturningStockThatIsOnlyReserved() {
        fixture.given(TEN_ADDED, THREE_RESERVED)
                .when(new ReturnStock(PRODUCT, ORDER))
                .expectNoEvents()
                .expectException(Refused.because(Refusal.INVALID_STATE))
                .expectExceptionMessage(containsString("RESERVED"));
    }

    @Test
    void refusesReturningReleasedStock() {
        fixture.given(TEN_ADDED, THREE_RESERVED, THREE_RELEASED)
                .when(new ReturnStock(PRODUCT, ORDER))
                .expectNoEvents()
                .expectException(Refused.because(Refusal.INVALID_STATE));
    }

    @Test
    void refusesReturningForAnUnknownOrder() {
        fixture.given(TEN_ADDED)
                .when(new ReturnStock(PRODUCT, ORDER))
                .expectNoEvents()
                .expectException(Refused.because(Refusal.INVALID_STATE));
    }
}
