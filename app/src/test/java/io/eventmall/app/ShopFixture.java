package io.eventmall.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

/** A small shop built through the API as operators and customers would: shops, products, paid orders. */
class ShopFixture {

    private final TestApi api;
    private final String admin;

    ShopFixture(TestApi api) {
        this.api = api;
        this.admin = api.adminToken();
    }

    String admin() {
        return admin;
    }

    String merchant(String name) {
        TestApi.Response merchant = api.post("/merchants", admin, Map.of("name", name));
        assertThat(merchant.status()).as(merchant.body().toString()).isEqualTo(201);
        return merchant.text("merchantId");
    }

    String category(String name) {
        TestApi.Response category = api.post("/categories", admin, Map.of("name", name));
        assertThat(category.status()).as(category.body().toString()).isEqualTo(201);
        return category.text("categoryId");
    }

    String product(String merchantId, String categoryId, String name, long price, int stock) {
        TestApi.Response product = api.post("/products", admin, Map.of("merchantId", merchantId,
                "categoryId", categoryId, "name", name, "images", List.of("https://img.example/" + name + ".jpg"),
                "price", price));
        assertThat(product.status()).as(product.body().toString()).isEqualTo(201);
        String productId = product.text("productId");
        if (stock > 0) {
            TestApi.Response stocked = api.post("/products/" + productId + "/stock", admin, Map.of("quantity", stock));
            assertThat(stocked.status()).as(stocked.body().toString()).isEqualTo(200);
        }
        return productId;
    }

    /** A placed order, as the customer sees it once its read model has it. */
    String order(TestApi.User customer, Map<String, Integer> quantities) {
        List<Map<String, Object>> items = quantities.entrySet().stream()
                .map(line -> Map.<String, Object>of("productId", line.getKey(), "quantity", line.getValue())).toList();
        TestApi.Response placed = api.post("/orders", customer.token(),
                Map.of("addressId", api.newAddress(customer.token()), "items", items));
        assertThat(placed.status()).as(placed.body().toString()).isEqualTo(202);
        String orderId = placed.text("orderId");
        api.eventually("/orders/" + orderId, customer.token(), r -> r.status() == 200);
        return orderId;
    }

    String paidOrder(TestApi.User customer, Map<String, Integer> quantities) {
        String orderId = order(customer, quantities);
        pay(customer, orderId);
        return orderId;
    }

    /** Pays as a customer does: through the sandbox provider, once the order awaits payment. */
    void pay(TestApi.User customer, String orderId) {
        api.eventually("/orders/" + orderId, customer.token(), r -> "AWAITING_PAYMENT".equals(r.text("status")));
        api.payThroughSandbox(customer, orderId);
        api.eventually("/orders/" + orderId, customer.token(), r -> "PAID".equals(r.text("status")));
    }
}
