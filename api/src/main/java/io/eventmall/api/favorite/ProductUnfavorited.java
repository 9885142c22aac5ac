package io.eventmall.api.favorite;

public record ProductUnfavorited(String userId, String productId) {
}
