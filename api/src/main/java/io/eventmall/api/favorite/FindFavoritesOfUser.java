package io.eventmall.api.favorite;

/** A customer's favorites newest first, one page of {@code size} (1..100) after {@code cursor}: a {@link FavoritePage}. */
public record FindFavoritesOfUser(String userId, String cursor, int size) {
}
