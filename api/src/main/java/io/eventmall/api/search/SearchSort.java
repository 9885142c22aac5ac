package io.eventmall.api.search;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The orders GET /search offers; the wire names are the lower-case constant names. */
public enum SearchSort {
    RELEVANCE, PRICE_ASC, PRICE_DESC, SALES, NEWEST;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<SearchSort> fromWireName(String wireName) {
        return Arrays.stream(values()).filter(sort -> sort.wireName().equals(wireName)).findFirst();
    }
}
