package io.eventmall.api.inventory;

/** The stock of a product is its own aggregate, so it needs an id distinct from the product's. */
public final class InventoryId {

    private static final String PREFIX = "stock-";

    private InventoryId() {
    }

    public static String of(String ownerId) {
        return PREFIX + ownerId;
    }
}
