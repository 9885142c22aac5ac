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
import org.axonframework.test.aggregate.TestExecutor;
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
    private final LedgerOfStockEvents ledger = new LedgerOfStockEvents();

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Inventory.class);
        fixture.registerInjectableResource(ledger);
    }

    /** The product's history, in its stream and in the reservation ledger its events write. */
    private TestExecutor<Inventory> given(Object... events) {
        ledger.record(events);
        return fixture.given(events);
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
        given(TEN_ADDED, THREE_RESERVED)
                .when(new AddStock(PRODUCT, 5))
                .expectEvents(new StockAdded(PRODUCT, 5, 12))
                .expectResultMessagePayload(12);
    }

    @Test
    void refusesAddingNoStock() {
        given(TEN_ADDED)
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
        given(TEN_ADDED)
                .when(new AddStock(PRODUCT, Integer.MAX_VALUE))
                .expectNoEvents()
                .expectException(Refused.because(Refusal.VALIDATION_FAILED));
    }

    @Test
    void reservesAvailableStock() {
        given(TEN_ADDED)
                .when(new ReserveStock(PRODUCT, ORDER, 3))
                .expectEvents(THREE_RESERVED);
    }

    @Test
    void reservesTheLastUnits() {
        given(TEN_ADDED, THREE_RESERVED)
                .when(new ReserveStock(PRODUCT, "order-2", 7))
                .expectEvents(new StockReserved(PRODUCT, "order-2", 7, 0));
    }

    @Test
    void refusesReservingMoreThanIsAvailable() {
        given(TEN_ADDED, THREE_RESERVED)
                .when(new ReserveStock(PRODUCT, "order-2", 8))
                .expectNoEvents()
                .expectException(Refused.because(Refusal.INSUFFICIENT_STOCK))
                .expectExceptionMessage(containsString("7 units available"));
    }

    @Test
    void refusesReservingNothing() {
        given(TEN_ADDED)
                .when(new ReserveStock(PRODUCT, ORDER, 0))
                .expectNoEvents()
                .expectException(Refused.because(Refusal.VALIDATION_FAILED));
    }

    @Test
    void aSecondReservationForTheSameOrderAppliesNothing() {
        given(TEN_ADDED, THREE_RESERVED)
                .when(new ReserveStock(PRODUCT, ORDER, 3))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aReleasedOrderDoesNotReserveAgain() {
        given(TEN_ADDED, THREE_RESERVED, THREE_RELEASED)
                .when(new ReserveStock(PRODUCT, ORDER, 3))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void releasesAReservation() {
        given(TEN_ADDED, THREE_RESERVED)
                .when(new ReleaseStock(PRODUCT, ORDER))
                .expectEvents(THREE_RELEASED);
    }

    @Test
    void aSecondReleaseAppliesNothing() {
        given(TEN_ADDED, THREE_RESERVED, THREE_RELEASED)
                .when(new ReleaseStock(PRODUCT, ORDER))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void releasingAnUnknownOrderAppliesNothing() {
        given(TEN_ADDED)
                .when(new ReleaseStock(PRODUCT, ORDER))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void refusesReleasingCommittedStock() {
        given(TEN_ADDED, THREE_RESERVED, THREE_COMMITTED)
                .when(new ReleaseStock(PRODUCT, ORDER))
                .expectNoEvents()
                .expectException(Refused.because(Refusal.INVALID_STATE))
                .expectExceptionMessage(containsString("COMMITTED"));
    }

    @Test
    void refusesReleasingReturnedStock() {
        given(TEN_ADDED, THREE_RESERVED, THREE_COMMITTED, THREE_RETURNED)
                .when(new ReleaseStock(PRODUCT, ORDER))
                .expectNoEvents()
                .expectException(Refused.because(Refusal.INVALID_STATE));
    }

    @Test
    void commitsAReservation() {
        given(TEN_ADDED, THREE_RESERVED)
                .when(new CommitStock(PRODUCT, ORDER))
                .expectEvents(THREE_COMMITTED);
    }

    @Test
    void aSecondCommitAppliesNothing() {
        given(TEN_ADDED, THREE_RESERVED, THREE_COMMITTED)
                .when(new CommitStock(PRODUCT, ORDER))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aCommitRedeliveredAfterTheReturnAppliesNothing() {
        given(TEN_ADDED, THREE_RESERVED, THREE_COMMITTED, THREE_RETURNED)
                .when(new CommitStock(PRODUCT, ORDER))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void refusesCommittingReleasedStock() {
        given(TEN_ADDED, THREE_RESERVED, THREE_RELEASED)
                .when(new CommitStock(PRODUCT, ORDER))
                .expectNoEvents()
                .expectException(Refused.because(Refusal.INVALID_STATE))
                .expectExceptionMessage(containsString("RELEASED"));
    }

    @Test
    void refusesCommittingAnUnknownOrder() {
        given(TEN_ADDED)
                .when(new CommitStock(PRODUCT, ORDER))
                .expectNoEvents()
                .expectException(Refused.because(Refusal.INVALID_STATE));
    }

    @Test
    void returnsCommittedStock() {
        given(TEN_ADDED, THREE_RESERVED, THREE_COMMITTED)
                .when(new ReturnStock(PRODUCT, ORDER))
                .expectEvents(THREE_RETURNED);
    }

    @Test
    void returnsOnTopOfStockAddedMeanwhile() {
        given(TEN_ADDED, THREE_RESERVED, THREE_COMMITTED, new StockAdded(PRODUCT, 5, 12))
                .when(new ReturnStock(PRODUCT, ORDER))
                .expectEvents(new StockReturned(PRODUCT, ORDER, 3, 15));
    }

    @Test
    void aSecondReturnAppliesNothing() {
        given(TEN_ADDED, THREE_RESERVED, THREE_COMMITTED, THREE_RETURNED)
                .when(new ReturnStock(PRODUCT, ORDER))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void refusesReturningStockThatIsOnlyReserved() {
        given(TEN_ADDED, THREE_RESERVED)
                .when(new ReturnStock(PRODUCT, ORDER))
                .expectNoEvents()
                .expectException(Refused.because(Refusal.INVALID_STATE))
                .expectExceptionMessage(containsString("RESERVED"));
    }

    @Test
    void refusesReturningReleasedStock() {
        given(TEN_ADDED, THREE_RESERVED, THREE_RELEASED)
                .when(new ReturnStock(PRODUCT, ORDER))
                .expectNoEvents()
                .expectException(Refused.because(Refusal.INVALID_STATE));
    }

    @Test
    void refusesReturningForAnUnknownOrder() {
        given(TEN_ADDED)
                .when(new ReturnStock(PRODUCT, ORDER))
                .expectNoEvents()
                .expectException(Refused.because(Refusal.INVALID_STATE));
    }
}
