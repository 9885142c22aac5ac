package io.eventmall.api.favorite;

/** Each user has one favorites list; aggregate ids are unique across all aggregate types in the event store. */
public final class FavoritesId {

    private static final String PREFIX = "favorites-";

    private FavoritesId() {
    }

    public static String of(String ownerId) {
        return PREFIX + ownerId;
    }
}
