package io.eventmall.query.customer;

import io.eventmall.api.favorite.FavoritePage;
import io.eventmall.api.favorite.FavoriteView;
import io.eventmall.api.favorite.FindFavoritesOfUser;
import io.eventmall.api.favorite.ProductFavorited;
import io.eventmall.api.favorite.ProductUnfavorited;
import io.eventmall.query.paging.KeysetCursor;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * A customer's favorite products, newest first. Like the cart, name, price and shelf state are joined from the
 * product read model when read, so they are always current.
 */
@Component
@ProcessingGroup(FavoriteProjection.NAME)
public class FavoriteProjection {

    public static final String NAME = "favorites";

    private final JdbcTemplate jdbc;

    FavoriteProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(ProductFavorited event, @org.axonframework.eventhandling.Timestamp Instant at) {
        jdbc.update("""
                INSERT INTO favorite_view (user_id, product_id, favorited_at) VALUES (?, ?, ?)
                ON CONFLICT (user_id, product_id) DO NOTHING""",
                event.userId(), event.productId(), Timestamp.from(at));
    }

    @EventHandler
    void on(ProductUnfavorited event) {
        jdbc.update("DELETE FROM favorite_view WHERE user_id = ? AND product_id = ?", event.userId(), event.productId());
    }

    @ResetHandler
    void reset() {
        jdbc.update("DELETE FROM favorite_view");
    }

    @QueryHandler
    FavoritePage handle(FindFavoritesOfUser query) {
        int size = KeysetCursor.pageSize(query.size());
        KeysetCursor after = KeysetCursor.startingAt(query.cursor());
        List<FavoriteView> rows = jdbc.query("""
                SELECT f.product_id, f.favorited_at, p.name, p.price, p.listed
                FROM favorite_view f LEFT JOIN product_view p ON p.product_id = f.product_id
                WHERE f.user_id = ? AND (f.favorited_at < ? OR (f.favorited_at = ? AND f.product_id < ?))
                ORDER BY f.favorited_at DESC, f.product_id DESC LIMIT ?""",
                (rs, row) -> new FavoriteView(rs.getString(1), rs.getTimestamp(2).toInstant(), rs.getString(3),
                        rs.getObject(4, Long.class), rs.getObject(5, Boolean.class)),
                query.userId(), Timestamp.from(after.at()), Timestamp.from(after.at()), after.id(), size + 1);
        return KeysetCursor.pageOf(rows, size, favorite -> favorite,
                favorite -> new KeysetCursor(favorite.favoritedAt(), favorite.productId()), FavoritePage::new);
    }
}
