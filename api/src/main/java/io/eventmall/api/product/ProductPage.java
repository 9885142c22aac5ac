package io.eventmall.api.product;

import java.util.List;

/** One page of products, newest first; {@code nextCursor} is opaque and null on the last page. */
public record ProductPage(List<ProductView> items, String nextCursor) {
}
