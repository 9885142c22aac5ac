package io.eventmall.app.web;

import io.eventmall.api.cart.CartView;
import io.eventmall.api.cart.FindCart;
import io.eventmall.api.cart.SetCartItemQuantity;
import io.eventmall.api.product.FindProduct;
import io.eventmall.api.product.ProductView;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.util.Map;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/cart")
public class CartController {

    private final CommandGateway commands;
    private final Reads reads;

    CartController(CommandGateway commands, Reads reads) {
        this.commands = commands;
        this.reads = reads;
    }

    @GetMapping
    CartView cart(Authentication authentication) {
        return reads.one(new FindCart(Caller.of(authentication).userId()), CartView.class);
    }

    @PutMapping("/items/{productId}")
    Map<String, Object> setQuantity(@PathVariable String productId, @Valid @RequestBody Quantity body,
                                    Authentication authentication) {
        if (body.quantity() > 0) {
            reads.require(new FindProduct(productId), ProductView.class, "product", productId);
        }
        commands.sendAndWait(new SetCartItemQuantity(Caller.of(authentication).userId(), productId, body.quantity()));
        return Map.of("productId", productId, "quantity", body.quantity());
    }

    record Quantity(@NotNull @Min(0) @Max(999) Integer quantity) {
    }
}
