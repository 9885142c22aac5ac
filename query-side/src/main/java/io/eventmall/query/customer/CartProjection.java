package io.eventmall.query.customer;

import io.eventmall.api.cart.CartCleared;
import io.eventmall.api.cart.CartItemQuantitySet;
import io.eventmall.api.cart.CartItemRemoved;
import io.eventmall.api.cart.CartItemView;
import io.eventmall.api.cart.CartView;
import io.eventmall.api.cart.FindCart;
import java.util.List;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Cart lines per customer. Prices are not copied into the cart: they are joined from the product read
 * model when the cart is read, so a price change shows at once and the cart total is always current.
 */
@Component
@ProcessingGroup(CartProjection.NAME)
public class CartProjection {

    public static final String NAME = "carts";

    private final JdbcTemplate jdbc;

    CartProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(CartItemQuantitySet event) {
        jdbc.update("""
                INSERT INTO cart_item_view (user_id, product_id, quantity) VALUES (?, ?, ?)
                ON CONFLICT (user_id, product_id) DO UPDATE SET quantity = EXCLUDED.quantity""",
                event.userId(), event.productId(), event.quantity());
    }

    @EventHandler
    void on(CartItemRemoved event) {
        jdbc.update("DELETE FROM cart_item_view WHERE user_id = ? AND product_id = ?", event.userId(), event.productId());
    }

    @EventHandler
    void on(CartCleared event) {
        jdbc.update("DELETE FROM cart_item_view WHERE user_id = ?", event.userId());
    }

    @ResetHandler
    void reset() {
        jdbc.update("DELETE FROM cart_item_view");
    }

    @QueryHandler
    CartView handle(FindCart query) {
        List<CartItemView> items = jdbc.query("""
                SELECT c.product_id, p.name, c.quantity, p.price
                FROM cart_item_view c JOIN product_view p ON p.product_id = c.product_id
                WHERE c.user_id = ? ORDER BY c.product_id""",
                (rs, row) -> new CartItemView(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getLong(4)),
                query.userId());
        long total = items.stream().mapToLong(item -> item.price() * item.quantity()).sum();
        return new CartView(items, total);
    }
}
