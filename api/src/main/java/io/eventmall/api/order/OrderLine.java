package io.eventmall.api.order;

public record OrderLine(String productId, String productName, long unitPrice, int quantity) {

    public long lineAmount() {
        return unitPrice * quantity;
    }
}
