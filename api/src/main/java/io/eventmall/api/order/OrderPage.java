package io.eventmall.api.order;

import java.util.List;

/** One page of orders, newest first; {@code nextCursor} is opaque and null on the last page. */
public record OrderPage(List<OrderView> items, String nextCursor) {
}
