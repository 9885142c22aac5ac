package io.eventmall.api.favorite;

import java.time.Instant;

public record FavoriteView(String productId, Instant favoritedAt) {
}
