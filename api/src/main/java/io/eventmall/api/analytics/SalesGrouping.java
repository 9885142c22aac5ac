package io.eventmall.api.analytics;

/** What the key of a sales bucket is: the id of a category, a shop (merchant) or a product. */
public enum SalesGrouping {
    CATEGORY, MERCHANT, PRODUCT
}
