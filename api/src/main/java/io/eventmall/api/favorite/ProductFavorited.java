package io.eventmall.api.favorite;

public record ProductFavorited(String userId, String productId) {
}
