package io.eventmall.api.favorite;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record UnfavoriteProduct(String userId, String productId) {

    @TargetAggregateIdentifier
    public String favoritesId() {
        return FavoritesId.of(userId);
    }
}
