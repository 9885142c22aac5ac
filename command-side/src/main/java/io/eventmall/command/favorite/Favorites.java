package io.eventmall.command.favorite;

import io.eventmall.api.favorite.FavoriteProduct;
import io.eventmall.api.favorite.FavoritesId;
import io.eventmall.api.favorite.ProductFavorited;
import io.eventmall.api.favorite.ProductUnfavorited;
import io.eventmall.api.favorite.UnfavoriteProduct;
import io.eventmall.command.Required;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import java.util.HashSet;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/** PUT and DELETE on /favorites/{productId} are retried by clients, so both are idempotent. */
@Aggregate
public class Favorites {

    @AggregateIdentifier
    private String favoritesId;
    private final Set<String> productIds = new HashSet<>();

    protected Favorites() {
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(FavoriteProduct command) {
        Required.text("userId", command.userId());
        Required.text("productId", command.productId());
        if (!productIds.contains(command.productId())) {
            apply(new ProductFavorited(command.userId(), command.productId()));
        }
    }

    /**
     * Unfavoriting before ever favoriting succeeds too, which leaves an id-less aggregate without events: harmless here,
     * but a cached repository would put it under a null key, so Favorites must stay uncached.
     */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(UnfavoriteProduct command) {
        if (productIds.contains(command.productId())) {
            apply(new ProductUnfavorited(command.userId(), command.productId()));
        }
    }

    @EventSourcingHandler
    void on(ProductFavorited event) {
        favoritesId = FavoritesId.of(event.userId());
        productIds.add(event.productId());
    }

    @EventSourcingHandler
    void on(ProductUnfavorited event) {
        productIds.remove(event.productId());
    }
}
