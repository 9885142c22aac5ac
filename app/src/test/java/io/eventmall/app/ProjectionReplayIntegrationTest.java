package io.eventmall.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.eventmall.api.flashsale.ScheduleFlashSale;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.connection.DataType;
import org.springframework.data.redis.core.Cursor;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/** Every read model rebuilt from the event store equals the live one it replaces. */
@IntegrationTest
class ProjectionReplayIntegrationTest {

    /** What each processor owns: PostgreSQL tables or a Redis key prefix. */
    private static final Map<String, List<String>> READ_MODELS = Map.ofEntries(
            Map.entry("users", List.of("user_account")),
            Map.entry("orders", List.of("order_view")),
            Map.entry("products", List.of("product_view")),
            Map.entry("merchants", List.of("merchant_view", "category_view")),
            Map.entry("flash-sales", List.of("flash_sale_view", "flash_sale_purchase_view")),
            Map.entry("addresses", List.of("address_view")),
            Map.entry("favorites", List.of("favorite_view")),
            Map.entry("carts", List.of("cart_item_view")),
            Map.entry("reviews", List.of("review_view")),
            Map.entry("rankings", List.of("redis:mall:rankings:")),
            Map.entry("home", List.of("redis:mall:home:")),
            Map.entry("recommendations", List.of("redis:mall:recommendations:")),
            Map.entry("flash-sale-funnel", List.of("flash_sale_funnel_order")),
            Map.entry("coupons", List.of("coupon_view", "coupon_claim_view")));

    @Autowired
    TestApi api;
    @Autowired
    CommandGateway commands;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    StringRedisTemplate redis;
    @Autowired
    EventProcessingConfiguration processing;
    @Autowired
    TokenStore tokenStore;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    StoreProbe store;

    @Test
    void eachReadModelRebuiltFromTheEventsEqualsTheLiveOne() {
        ShopFixture shop = new ShopFixture(api);
        String admin = shop.admin();
        seed(shop);
        awaitCaughtUp(admin, READ_MODELS.keySet().stream().toList());

        TestApi.Response statuses = api.get("/admin/projections", admin);
        assertThat(statuses.status()).isEqualTo(200);
        for (String name : READ_MODELS.keySet()) {
            JsonNode status = status(statuses.body(), name);
            assertThat(status.path("position").asLong()).as(name).isPositive();
            assertThat(status.path("lag").asLong()).as(name).isZero();
            assertThat(status.path("deadLetters").asLong()).as(name).isZero();
        }

        for (Map.Entry<String, List<String>> readModel : READ_MODELS.entrySet()) {
            String name = readModel.getKey();
            Map<String, Object> live = snapshot(readModel.getValue());
            assertThat(live).as(name + " has content to rebuild").isNotEmpty()
                    .allSatisfy((store, content) -> assertThat(content.toString()).as(store).isNotEqualTo("[]"));
            TestApi.Response replay = api.post("/admin/projections/" + name + "/replay", admin, null);
            assertThat(replay.status()).as(name + ": " + replay.body()).isEqualTo(202);
            awaitCaughtUp(admin, List.of(name));
            // Caught up with the head of the store; the replay flag itself may stay on a while, until gaps in the
            // global index that the rebuild met time out.
            try {
                Awaitility.await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100))
                        .until(() -> snapshot(readModel.getValue()), live::equals);
            } catch (ConditionTimeoutException differs) {
                assertThat(snapshot(readModel.getValue())).as(name + " rebuilt").isEqualTo(live);
            }
        }
    }

    /**
     * Redis cannot share the token's transaction: after a crash between a Redis write and the token update, events
     * come again. Rewinding a Redis read model's token to the start, without a reset, redelivers every event it has
     * seen; the read model must come out the same.
     */
    @Test
    void redisReadModelsAreUnchangedByRedeliveredEvents() {
        ShopFixture shop = new ShopFixture(api);
        seed(shop);
        List<String> redisReadModels = List.of("rankings", "home", "recommendations");
        awaitCaughtUp(shop.admin(), redisReadModels);
        for (String name : redisReadModels) {
            // The shared context may still be finishing an earlier test's work (an order being placed): an event
            // appended between the live copy and the rewound head would be in one and not the other.
            awaitNoNewEvents();
            awaitCaughtUp(shop.admin(), List.of(name));
            Map<String, Object> live = snapshot(READ_MODELS.get(name));
            assertThat(live).as(name).isNotEmpty();
            StreamingEventProcessor processor = processing.eventProcessor(name, StreamingEventProcessor.class)
                    .orElseThrow();
            processor.shutDown();
            transactions.executeWithoutResult(status -> tokenStore.storeToken(null, name, 0));
            byte[] rewound = jdbc.queryForObject("SELECT token FROM token_entry WHERE processor_name = ?", byte[].class,
                    name);
            assertThat(rewound == null ? "null" : new String(rewound, StandardCharsets.UTF_8))
                    .as(name + " rewound to the first event").isEqualTo("null");
            processor.start();
            long head = jdbc.queryForObject("SELECT max(global_index) FROM domain_event_entry", Long.class);
            Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
                byte[] token = jdbc.queryForObject("SELECT token FROM token_entry WHERE processor_name = ?",
                        byte[].class, name);
                return token != null && new String(token, StandardCharsets.UTF_8).contains("\"index\":" + head);
            });
            assertThat(snapshot(READ_MODELS.get(name))).as(name + " after redelivery").isEqualTo(live);
        }
    }

    @Test
    void onlyAdminsSeeOrReplayProjectionsAndUnknownOnesAreNotFound() {
        TestApi.User customer = api.newCustomer();
        assertThat(api.get("/admin/projections", customer.token()).status()).isEqualTo(403);
        assertThat(api.post("/admin/projections/orders/replay", customer.token(), null).status()).isEqualTo(403);
        assertThat(api.get("/admin/projections", null).status()).isEqualTo(401);
        TestApi.Response unknown = api.post("/admin/projections/no-such-thing/replay", api.adminToken(), null);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.code()).isEqualTo("NOT_FOUND");
    }

    private void seed(ShopFixture shop) {
        String merchant = shop.merchant("Replay shop");
        String category = shop.category("Replay");
        String kettle = shop.product(merchant, category, "Replay kettle", 3_000, 40);
        String cup = shop.product(merchant, category, "Replay cup", 800, 40);
        assertThat(api.put("/products/" + cup, shop.admin(), Map.of("price", 900)).status()).isEqualTo(200);
        TestApi.User customer = api.newCustomer();
        shop.paidOrder(customer, Map.of(kettle, 2, cup, 1));
        String refunded = shop.paidOrder(customer, Map.of(cup, 3));
        assertThat(api.post("/orders/" + refunded + "/refund", shop.admin(), null).status()).isEqualTo(200);
        shop.order(customer, Map.of(kettle, 1));
        String coupon = api.post("/coupons", shop.admin(), Map.of("name", "Replay coupon", "discountAmount", 100,
                "minOrderAmount", 0, "quantity", 5, "perUserLimit", 1, "validFrom", Instant.now().minusSeconds(5).toString(),
                "validTo", Instant.now().plusSeconds(3600).toString())).text("couponId");
        String claim = api.post("/coupons/" + coupon + "/claims", customer.token(), null).text("claimId");
        api.eventually("/coupons/claims", customer.token(), r -> r.body().path("items").size() == 1);
        assertThat(api.post("/orders", customer.token(), Map.of("addressId", api.newAddress(customer.token()),
                "couponClaimId", claim, "items", List.of(Map.of("productId", cup, "quantity", 1)))).status()).isEqualTo(202);
        assertThat(api.post("/products/" + kettle + "/reviews", customer.token(),
                Map.of("rating", 4, "content", "Boils fast")).status()).isEqualTo(201);
        assertThat(api.put("/favorites/" + cup, customer.token(), null).status()).isEqualTo(200);
        assertThat(api.put("/cart/items/" + kettle, customer.token(), Map.of("quantity", 2)).status()).isEqualTo(200);
        assertThat(api.post("/banners", shop.admin(), Map.of("imageUrl", "https://img.example/r.jpg", "link", "/r",
                "position", 2)).status()).isEqualTo(201);
        Instant now = Instant.now();
        String sale = UUID.randomUUID().toString();
        commands.sendAndWait(new ScheduleFlashSale(sale, cup, 500, 10, 2, now.minusSeconds(10), now.plus(Duration.ofHours(1))));
        // The purchase path knows a sale once its read model does (batched processors lag a little).
        api.eventually("/flash-sales/" + sale, null, r -> r.status() == 200);
        assertThat(api.post("/flash-sales/" + sale + "/purchases", customer.token(), Map.of("quantity", 1)).status())
                .isEqualTo(202);
    }

    /** Until no event has been appended for a second. */
    private void awaitNoNewEvents() {
        long[] last = {-1};
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            long now = store.eventCount();
            boolean quiet = now == last[0];
            last[0] = now;
            return quiet;
        });
    }

    private void awaitCaughtUp(String admin, List<String> names) {
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> api.get("/admin/projections", admin).body(), statuses -> {
            return names.stream().allMatch(name -> {
                JsonNode status = status(statuses, name);
                return status.path("lag").isNumber() && status.path("lag").asLong() == 0;
            });
        });
    }

    static JsonNode status(JsonNode statuses, String name) {
        for (JsonNode status : statuses) {
            if (name.equals(status.path("name").asText())) {
                return status;
            }
        }
        throw new AssertionError("no processor " + name + " in " + statuses);
    }

    private Map<String, Object> snapshot(List<String> stores) {
        Map<String, Object> snapshot = new TreeMap<>();
        for (String store : stores) {
            if (store.startsWith("redis:")) {
                snapshot.putAll(redisContent(store.substring("redis:".length())));
            } else {
                List<Map<String, Object>> rows = new ArrayList<>();
                jdbc.queryForList("SELECT * FROM " + store).forEach(row -> {
                    Map<String, Object> comparable = new TreeMap<>();
                    row.forEach((column, value) -> comparable.put(column, value == null ? null : value.toString()));
                    rows.add(comparable);
                });
                rows.sort((a, b) -> a.toString().compareTo(b.toString()));
                snapshot.put(store, rows);
            }
        }
        return snapshot;
    }

    private Map<String, Object> redisContent(String prefix) {
        Map<String, Object> content = new TreeMap<>();
        try (Cursor<String> keys = redis.scan(ScanOptions.scanOptions().match(prefix + "*").count(500).build())) {
            keys.forEachRemaining(key -> {
                DataType type = redis.type(key);
                Object value = switch (type) {
                    case STRING -> redis.opsForValue().get(key);
                    case HASH -> new TreeMap<>(redis.opsForHash().entries(key));
                    case SET -> new java.util.TreeSet<>(redis.opsForSet().members(key));
                    case ZSET -> redis.opsForZSet().rangeWithScores(key, 0, -1).stream()
                            .map(entry -> entry.getValue() + "=" + entry.getScore()).sorted().toList();
                    default -> type.name();
                };
                content.put(key, List.of(Map.of("value", String.valueOf(value))));
            });
        }
        return content;
    }
}
