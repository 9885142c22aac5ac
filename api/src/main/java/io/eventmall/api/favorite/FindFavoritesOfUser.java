package io.eventmall.api.favorite;

public record FindFavoritesOfUser(String userId) {
}
