package io.eventmall.command.cart;

import io.eventmall.api.Refusal;
import io.eventmall.api.cart.CartCleared;
import io.eventmall.api.cart.CartItemQuantitySet;
import io.eventmall.api.cart.CartItemRemoved;
import io.eventmall.api.cart.ClearCart;
import io.eventmall.api.cart.SetCartItemQuantity;
import io.eventmall.command.Refused;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.hamcrest.Matchers.containsString;

class CartTest {

    private static final String USER = "user-1";

    private AggregateTestFixture<Cart> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Cart.class);
    }

    @Test
    void theFirstItemCreatesTheCart() {
        fixture.givenNoPriorActivity()
                .when(new SetCartItemQuantity(USER, "product-1", 2))
                .expectEvents(new CartItemQuantitySet(USER, "product-1", 2));
    }

    @Test
    void changesTheQuantityOfAnItem() {
        fixture.given(new CartItemQuantitySet(USER, "product-1", 2))
                .when(new SetCartItemQuantity(USER, "product-1", 5))
                .expectEvents(new CartItemQuantitySet(USER, "product-1", 5));
    }

    @Test
    void acceptsTheLargestQuantity() {
        fixture.given(new CartItemQuantitySet(USER, "product-1", 2))
                .when(new SetCartItemQuantity(USER, "product-2", 999))
                .expectEvents(new CartItemQuantitySet(USER, "product-2", 999));
    }

    @Test
    void theSameQuantityAgainAppliesNothing() {
        fixture.given(new CartItemQuantitySet(USER, "product-1", 2))
                .when(new SetCartItemQuantity(USER, "product-1", 2))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void quantityZeroRemovesTheItem() {
        fixture.given(new CartItemQuantitySet(USER, "product-1", 2))
                .when(new SetCartItemQuantity(USER, "product-1", 0))
                .expectEvents(new CartItemRemoved(USER, "product-1"));
    }

    @Test
    void removingAnAbsentItemAppliesNothing() {
        fixture.given(new CartItemQuantitySet(USER, "product-1", 2))
                .when(new SetCartItemQuantity(USER, "product-2", 0))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void removingARemovedItemAgainAppliesNothing() {
        fixture.given(new CartItemQuantitySet(USER, "product-1", 2), new CartItemRemoved(USER, "product-1"))
                .when(new SetCartItemQuantity(USER, "product-1", 0))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void refusesANegativeQuantity() {
        fixture.given(new CartItemQuantitySet(USER, "product-1", 2))
                .when(new SetCartItemQuantity(USER, "product-1", -1))
                .expectNoEvents()
                .expectException(Refused.because(Refusal.VALIDATION_FAILED))
                .expectExceptionMessage(containsString("-1"));
    }

    @Test
    void refusesMoreThan999() {
        fixture.givenNoPriorActivity()
                .when(new SetCartItemQuantity(USER, "product-1", 1000))
                .expectNoEvents()
                .expectException(Refused.because(Refusal.VALIDATION_FAILED));
    }

    @Test
    void refusesAnItemWithoutProduct() {
        fixture.givenNoPriorActivity()
                .when(new SetCartItemQuantity(USER, null, 1))
                .expectNoEvents()
                .expectException(Refused.because(Refusal.VALIDATION_FAILED))
                .expectExceptionMessage(containsString("productId"));
    }

    @Test
    void clearsACartWithItems() {
        fixture.given(new CartItemQuantitySet(USER, "product-1", 2), new CartItemQuantitySet(USER, "product-2", 1))
                .when(new ClearCart(USER))
                .expectEvents(new CartCleared(USER));
    }

    @Test
    void clearingAnEmptiedCartAppliesNothing() {
        fixture.given(new CartItemQuantitySet(USER, "product-1", 2), new CartItemRemoved(USER, "product-1"))
                .when(new ClearCart(USER))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void clearingAClearedCartAppliesNothing() {
        fixture.given(new CartItemQuantitySet(USER, "product-1", 2), new CartCleared(USER))
                .when(new ClearCart(USER))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aClearedCartFillsAgain() {
        fixture.given(new CartItemQuantitySet(USER, "product-1", 2), new CartCleared(USER))
                .when(new SetCartItemQuantity(USER, "product-1", 2))
                .expectEvents(new CartItemQuantitySet(USER, "product-1", 2));
    }
}
