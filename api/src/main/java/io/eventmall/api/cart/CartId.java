package io.eventmall.api.cart;

/** Each user has one cart; aggregate ids are unique across all aggregate types in the event store. */
public final class CartId {

    private static final String PREFIX = "cart-";

    private CartId() {
    }

    public static String of(String ownerId) {
        return PREFIX + ownerId;
    }
}
