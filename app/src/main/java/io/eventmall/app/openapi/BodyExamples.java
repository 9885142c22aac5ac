package io.eventmall.app.openapi;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Example request bodies of the main operations, keyed like {@link OperationCatalogue}. */
final class BodyExamples {

    private static final Map<String, Map<String, Object>> EXAMPLES = Map.ofEntries(
            Map.entry("POST /users/register", body("username", "ada", "password", "lovelace-1815",
                    "email", "ada@example.com")),
            Map.entry("POST /users/login", body("username", "ada", "password", "lovelace-1815")),
            Map.entry("POST /addresses", body("receiverName", "Ada", "phone", "+44 20 7946 0000", "province", "London",
                    "city", "London", "district", "Marylebone", "detailAddress", "12 St James Sq", "isDefault", true)),
            Map.entry("POST /products", body("merchantId", "3f6c2d1e-...", "categoryId", "8a1b...",
                    "name", "Trail runner", "images", List.of("https://img.example/trail.jpg"), "price", 12_900)),
            Map.entry("POST /orders", body("addressId", "b1e4...", "items",
                    List.of(body("productId", "demo-trail-runner", "quantity", 1)), "couponClaimId", "c0a1....7d2e")),
            Map.entry("POST /cart/checkout", body("addressId", "b1e4...", "couponClaimId", "c0a1....7d2e")),
            Map.entry("POST /coupons", body("name", "5 off 20", "discountAmount", 500, "minOrderAmount", 2_000,
                    "quantity", 100, "perUserLimit", 1, "validFrom", "2026-12-01T00:00:00Z",
                    "validTo", "2026-12-31T23:59:59Z")),
            Map.entry("POST /flash-sales", body("productId", "demo-trail-runner", "price", 990, "quantity", 100,
                    "perUserLimit", 1, "startsAt", "2026-12-24T10:00:00Z", "endsAt", "2026-12-24T10:30:00Z",
                    "requirePurchaseToken", true, "proofOfWorkBits", 0)),
            Map.entry("POST /flash-sales/{flashSaleId}/purchases", body("quantity", 1)),
            Map.entry("POST /flash-sales/{flashSaleId}/purchase-token", body("challenge", "eyJzYWxl...", "nonce", 48_213)),
            Map.entry("POST /payments/callback", body("providerReference", "sbx-7c1e...", "paymentId", "4d2a...",
                    "amount", 2_500, "outcome", "SUCCESS", "occurredAt", "2026-12-01T10:15:30Z")));

    private BodyExamples() {
    }

    static Optional<Map<String, Object>> of(String key) {
        return Optional.ofNullable(EXAMPLES.get(key));
    }

    private static Map<String, Object> body(Object... fieldsAndValues) {
        Map<String, Object> body = new LinkedHashMap<>();
        for (int i = 0; i < fieldsAndValues.length; i += 2) {
            body.put((String) fieldsAndValues[i], fieldsAndValues[i + 1]);
        }
        return body;
    }
}
