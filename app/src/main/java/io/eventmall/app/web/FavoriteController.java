package io.eventmall.app.web;

import io.eventmall.api.favorite.FavoritePage;
import io.eventmall.api.favorite.FavoriteProduct;
import io.eventmall.api.favorite.FindFavoritesOfUser;
import io.eventmall.api.favorite.UnfavoriteProduct;
import io.eventmall.api.product.FindProduct;
import io.eventmall.api.product.ProductView;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.util.Map;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/favorites")
public class FavoriteController {

    private final CommandGateway commands;
    private final Reads reads;

    FavoriteController(CommandGateway commands, Reads reads) {
        this.commands = commands;
        this.reads = reads;
    }

    @PutMapping("/{productId}")
    Map<String, Object> favorite(@PathVariable String productId, Authentication authentication) {
        reads.require(new FindProduct(productId), ProductView.class, "product", productId);
        commands.sendAndWait(new FavoriteProduct(Caller.of(authentication).userId(), productId));
        return Map.of("productId", productId, "favorite", true);
    }

    @DeleteMapping("/{productId}")
    Map<String, Object> unfavorite(@PathVariable String productId, Authentication authentication) {
        commands.sendAndWait(new UnfavoriteProduct(Caller.of(authentication).userId(), productId));
        return Map.of("productId", productId, "favorite", false);
    }

    @GetMapping
    FavoritePage mine(@RequestParam(required = false) @Size(max = 200) String cursor,
                      @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size, Authentication authentication) {
        return reads.one(new FindFavoritesOfUser(Caller.of(authentication).userId(), cursor, size), FavoritePage.class);
    }
}
