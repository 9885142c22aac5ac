package io.eventmall.api.review;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** A review is one per order line, so its id is derived from the line: the same line always names the same review. */
public final class ReviewIds {

    private ReviewIds() {
    }

    public static String of(String orderId, String productId) {
        return UUID.nameUUIDFromBytes(("review\n" + orderId + '\n' + productId).getBytes(StandardCharsets.UTF_8))
                .toString();
    }
}
