package io.eventmall.api.favorite;

import java.util.List;

/** One page of favorites, newest first; {@code nextCursor} is opaque and null on the last page. */
public record FavoritePage(List<FavoriteView> items, String nextCursor) {
}
