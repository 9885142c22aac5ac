package io.eventmall.api.favorite;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record FavoriteProduct(String userId, String productId) {

    @TargetAggregateIdentifier
    public String favoritesId() {
        return FavoritesId.of(userId);
    }
}
