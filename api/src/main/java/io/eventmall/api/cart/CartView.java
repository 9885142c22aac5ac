package io.eventmall.api.cart;

import java.util.List;

public record CartView(List<CartItemView> items, long total) {
}
