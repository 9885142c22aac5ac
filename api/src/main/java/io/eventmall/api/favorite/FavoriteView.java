package io.eventmall.api.favorite;

import java.time.Instant;

/** A favorite as its customer sees it: the product's current name, price and shelf state (null if unknown). */
public record FavoriteView(String productId, Instant favoritedAt, String name, Long price, Boolean listed) {
}
