package io.eventmall.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventmall.api.Refusal;
import io.eventmall.api.RuleViolation;
import io.eventmall.api.order.AcceptOrder;
import io.eventmall.api.order.MarkOrderPaid;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;

/**
 * Builds shops, categories, products and paid orders through the API. Orders are paid by sending the Order
 * aggregate the commands the payment saga sends (AcceptOrder, MarkOrderPaid): the real command side, no fake.
 */
class ShopFixture {

    private final TestApi api;
    private final CommandGateway commands;
    private final String admin;

    ShopFixture(TestApi api, CommandGateway commands) {
        this.api = api;
        this.commands = commands;
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

    void pay(TestApi.User customer, String orderId) {
        try {
            commands.sendAndWait(new AcceptOrder(orderId, Instant.now().plus(30, ChronoUnit.MINUTES)));
        } catch (RuleViolation alreadyAccepted) {
            // A stock-reservation saga may have accepted it already; anything else is a real failure.
            assertThat(alreadyAccepted.refusal()).isEqualTo(Refusal.INVALID_STATE);
        }
        long total = api.get("/orders/" + orderId, customer.token()).body().path("totalAmount").asLong();
        commands.sendAndWait(new MarkOrderPaid(orderId, "payment-" + UUID.randomUUID(), total));
        api.eventually("/orders/" + orderId, customer.token(), r -> "PAID".equals(r.text("status")));
    }
}
