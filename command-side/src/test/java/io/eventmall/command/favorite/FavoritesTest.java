package io.eventmall.command.favorite;

import io.eventmall.api.Refusal;
import io.eventmall.api.favorite.FavoriteProduct;
import io.eventmall.api.favorite.FavoritesId;
import io.eventmall.api.favorite.ProductFavorited;
import io.eventmall.api.favorite.ProductUnfavorited;
import io.eventmall.api.favorite.UnfavoriteProduct;
import io.eventmall.command.Refused;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FavoritesTest {

    private static final String USER = "user-1";

    private AggregateTestFixture<Favorites> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Favorites.class);
    }

    @Test
    void theFirstFavoriteCreatesTheList() {
        fixture.givenNoPriorActivity()
                .when(new FavoriteProduct(USER, "product-1"))
                .expectEvents(new ProductFavorited(USER, "product-1"))
                .expectState(favorites -> assertThat(favorites)
                        .extracting("favoritesId").isEqualTo(FavoritesId.of(USER)));
    }

    @Test
    void favoritesAnotherProduct() {
        fixture.given(new ProductFavorited(USER, "product-1"))
                .when(new FavoriteProduct(USER, "product-2"))
                .expectEvents(new ProductFavorited(USER, "product-2"));
    }

    @Test
    void favoritingTwiceAppliesNothing() {
        fixture.given(new ProductFavorited(USER, "product-1"))
                .when(new FavoriteProduct(USER, "product-1"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void refusesAFavoriteWithoutProduct() {
        fixture.givenNoPriorActivity()
                .when(new FavoriteProduct(USER, " "))
                .expectNoEvents()
                .expectException(Refused.because(Refusal.VALIDATION_FAILED));
    }

    @Test
    void unfavoritesAFavoritedProduct() {
        fixture.given(new ProductFavorited(USER, "product-1"))
                .when(new UnfavoriteProduct(USER, "product-1"))
                .expectEvents(new ProductUnfavorited(USER, "product-1"));
    }

    @Test
    void unfavoritingSomethingNotFavoritedAppliesNothing() {
        fixture.given(new ProductFavorited(USER, "product-1"))
                .when(new UnfavoriteProduct(USER, "product-2"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void unfavoritingTwiceAppliesNothing() {
        fixture.given(new ProductFavorited(USER, "product-1"), new ProductUnfavorited(USER, "product-1"))
                .when(new UnfavoriteProduct(USER, "product-1"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void unfavoritingBeforeAnyFavoriteAppliesNothing() {
        fixture.givenNoPriorActivity()
                .when(new UnfavoriteProduct(USER, "product-1"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }
}
