package io.eventmall.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.eventmall.api.flashsale.ScheduleFlashSale;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The browsing endpoints of API.md, each after the events that feed it. */
@IntegrationTest
class BrowsingIntegrationTest {

    @Autowired
    TestApi api;
    @Autowired
    CommandGateway commands;

    ShopFixture shop;

    @BeforeEach
    void setUp() {
        shop = new ShopFixture(api);
    }

    @Test
    void myOrdersAreListedNewestFirstByStatusWithAnOpaqueCursor() {
        String merchant = shop.merchant("Orders shop");
        String product = shop.product(merchant, shop.category("Orders"), "Kettle", 3_000, 50);
        TestApi.User customer = api.newCustomer();
        TestApi.User stranger = api.newCustomer();
        String first = shop.order(customer, Map.of(product, 1));
        String second = shop.paidOrder(customer, Map.of(product, 2));
        String third = shop.order(customer, Map.of(product, 3));
        assertThat(api.post("/orders/" + third + "/cancel", customer.token(), null).status()).isEqualTo(200);
        api.eventually("/orders/" + third, customer.token(), r -> "CANCELLED".equals(r.text("status")));

        TestApi.Response page1 = api.get("/orders?size=2", customer.token());
        assertThat(page1.status()).isEqualTo(200);
        assertThat(ids(page1, "orderId")).containsExactly(third, second);
        String cursor = page1.text("nextCursor");
        assertThat(cursor).isNotBlank().doesNotContain(second);
        TestApi.Response page2 = api.get("/orders?size=2&cursor=" + cursor, customer.token());
        assertThat(ids(page2, "orderId")).containsExactly(first);
        assertThat(page2.body().path("nextCursor").isNull()).isTrue();

        assertThat(ids(api.get("/orders?status=PAID", customer.token()), "orderId")).containsExactly(second);
        assertThat(ids(api.get("/orders?status=CANCELLED", customer.token()), "orderId")).containsExactly(third);
        assertThat(ids(api.get("/orders", stranger.token()), "orderId")).isEmpty();

        TestApi.Response badCursor = api.get("/orders?cursor=not-a-cursor", customer.token());
        assertThat(badCursor.status()).isEqualTo(400);
        assertThat(badCursor.code()).isEqualTo("VALIDATION_FAILED");
        assertThat(api.get("/orders?size=0", customer.token()).status()).isEqualTo(400);
        assertThat(api.get("/orders?status=LOST", customer.token()).status()).isEqualTo(400);
        assertThat(api.get("/orders", null).status()).isEqualTo(401);
    }

    @Test
    void aCategoryListsItsListedProductsNewestFirstAndADelistedOneDisappears() {
        String merchant = shop.merchant("Catalog shop");
        String category = shop.category("Teapots " + UUID.randomUUID());
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            created.add(shop.product(merchant, category, "Teapot " + i, 1_000 + i, 0));
        }
        String path = "/products?categoryId=" + category + "&size=2";
        api.eventually(path, null, r -> r.body().path("items").size() == 2);

        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            TestApi.Response page = api.get(path + (cursor == null ? "" : "&cursor=" + enc(cursor)), null);
            assertThat(page.status()).isEqualTo(200);
            seen.addAll(ids(page, "productId"));
            cursor = page.body().path("nextCursor").isNull() ? null : page.text("nextCursor");
        } while (cursor != null);
        List<String> newestFirst = new ArrayList<>(created);
        Collections.reverse(newestFirst);
        assertThat(seen).containsExactlyElementsOf(newestFirst);

        assertThat(api.post("/products/" + created.get(4) + "/delist", shop.admin(), null).status()).isEqualTo(200);
        TestApi.Response after = api.eventually("/products?categoryId=" + category, null,
                r -> !ids(r, "productId").contains(created.get(4)));
        assertThat(ids(after, "productId")).containsExactly(created.get(3), created.get(2), created.get(1), created.get(0));
    }

    @Test
    void theProductPageShowsPriceStockShopAndRatingFromPaidBuyersReviews() {
        String merchant = shop.merchant("Review shop");
        String category = shop.category("Reviewed");
        String product = shop.product(merchant, category, "Wok", 4_500, 20);
        String other = shop.product(merchant, category, "Lid", 500, 20);
        TestApi.User buyer = api.newCustomer();
        TestApi.User secondBuyer = api.newCustomer();
        TestApi.User unpaid = api.newCustomer();
        TestApi.User stranger = api.newCustomer();
        String order = shop.paidOrder(buyer, Map.of(product, 1, other, 1));
        shop.paidOrder(secondBuyer, Map.of(product, 2));
        shop.order(unpaid, Map.of(product, 1));

        String unsold = shop.product(merchant, category, "Spatula", 300, 7);
        // The page shows the product as soon as it is created; its stock follows with the StockAdded event.
        assertThat(api.eventually("/products/" + unsold, null,
                r -> r.status() == 200 && r.body().path("available").asInt() == 7).body().path("available").asInt())
                .isEqualTo(7);
        TestApi.Response page = api.eventually("/products/" + product, null, r -> r.status() == 200);
        assertThat(page.body().path("price").asLong()).isEqualTo(4_500);
        assertThat(page.body().path("name").asText()).isEqualTo("Wok");
        assertThat(page.body().path("merchant").path("merchantId").asText()).isEqualTo(merchant);
        assertThat(page.body().path("merchant").path("name").asText()).isEqualTo("Review shop");
        assertThat(page.body().path("reviewCount").asInt()).isZero();

        TestApi.Response written = api.post("/products/" + product + "/reviews", buyer.token(),
                Map.of("rating", 5, "content", "Heats evenly"));
        assertThat(written.status()).as(written.body().toString()).isEqualTo(201);
        assertThat(written.text("orderId")).isEqualTo(order);
        assertThat(api.post("/products/" + product + "/reviews", secondBuyer.token(),
                Map.of("rating", 2, "content", "Rusts")).status()).isEqualTo(201);

        TestApi.Response again = api.post("/products/" + product + "/reviews", buyer.token(),
                Map.of("rating", 1, "content", "Second thoughts"));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.code()).isEqualTo("DUPLICATE_REQUEST");
        TestApi.Response notPaid = api.post("/products/" + product + "/reviews", unpaid.token(),
                Map.of("rating", 5, "content", "Looks nice"));
        assertThat(notPaid.status()).isEqualTo(403);
        assertThat(api.post("/products/" + product + "/reviews", stranger.token(),
                Map.of("rating", 5, "content", "Never bought it")).status()).isEqualTo(403);
        TestApi.Response invalid = api.post("/products/" + product + "/reviews", buyer.token(),
                Map.of("rating", 6, "content", ""));
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.code()).isEqualTo("VALIDATION_FAILED");
        assertThat(api.post("/products/" + product + "/reviews", null, Map.of("rating", 5, "content", "x")).status())
                .isEqualTo(401);

        TestApi.Response reviews = api.eventually("/products/" + product + "/reviews?size=1", null,
                r -> r.body().path("items").size() == 1 && !r.body().path("nextCursor").isNull());
        assertThat(reviews.body().path("items").get(0).path("rating").asInt()).isEqualTo(2);
        TestApi.Response older = api.get("/products/" + product + "/reviews?size=1&cursor="
                + enc(reviews.text("nextCursor")), null);
        assertThat(older.body().path("items").get(0).path("content").asText()).isEqualTo("Heats evenly");
        assertThat(older.body().path("nextCursor").isNull()).isTrue();

        TestApi.Response rated = api.eventually("/products/" + product, null,
                r -> r.body().path("reviewCount").asInt() == 2);
        assertThat(rated.body().path("rating").asDouble()).isEqualTo(3.5);
        assertThat(api.get("/products/no-such-product", null).status()).isEqualTo(404);
    }

    @Test
    void aShopHasAPageItsListedProductsAndARankByPaidSales() {
        String big = shop.merchant("Big seller " + UUID.randomUUID());
        String small = shop.merchant("Small seller " + UUID.randomUUID());
        String category = shop.category("Shops");
        String bigProduct = shop.product(big, category, "Big item", 90_000_000, 10);
        String smallProduct = shop.product(small, category, "Small item", 50_000_000, 10);
        String delisted = shop.product(small, category, "Old item", 1_000, 0);
        assertThat(api.post("/products/" + delisted + "/delist", shop.admin(), null).status()).isEqualTo(200);
        TestApi.User customer = api.newCustomer();
        shop.paidOrder(customer, Map.of(bigProduct, 1));
        shop.paidOrder(customer, Map.of(smallProduct, 1));

        TestApi.Response page = api.get("/merchants/" + small, null);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.text("name")).startsWith("Small seller");
        assertThat(page.body().has("ownerUserId")).isFalse();
        assertThat(api.get("/merchants/no-such-shop", null).status()).isEqualTo(404);

        TestApi.Response products = api.eventually("/merchants/" + small + "/products", null,
                r -> ids(r, "productId").equals(List.of(smallProduct)));
        assertThat(products.body().path("nextCursor").isNull()).isTrue();

        TestApi.Response top = api.eventually("/merchants/top?limit=100", null,
                r -> ids(r, "merchantId").containsAll(List.of(big, small)));
        List<String> ranked = ids(top, "merchantId");
        assertThat(ranked.indexOf(big)).isLessThan(ranked.indexOf(small));
        JsonNode bigEntry = entry(top.body(), "merchantId", big);
        assertThat(bigEntry.path("paidAmount").asLong()).isEqualTo(90_000_000);
        assertThat(bigEntry.path("name").asText()).startsWith("Big seller");
    }

    @Test
    void flashSalesAreListedByState() {
        String merchant = shop.merchant("Flash shop");
        String product = shop.product(merchant, shop.category("Flash"), "Drone", 99_000, 10);
        Instant now = Instant.now();
        String ongoing = UUID.randomUUID().toString();
        String upcoming = UUID.randomUUID().toString();
        String ended = UUID.randomUUID().toString();
        commands.sendAndWait(new ScheduleFlashSale(ongoing, product, 9_900, 5, 1, now.minusSeconds(60),
                now.plus(Duration.ofDays(3650))));
        commands.sendAndWait(new ScheduleFlashSale(upcoming, product, 9_900, 5, 1, now.plus(Duration.ofDays(3650)),
                now.plus(Duration.ofDays(3651))));
        commands.sendAndWait(new ScheduleFlashSale(ended, product, 9_900, 5, 1, now.minusSeconds(7200),
                now.minusSeconds(3600)));

        TestApi.Response live = api.eventually("/flash-sales?state=ongoing&limit=100", null,
                r -> ids(r, "flashSaleId").contains(ongoing));
        assertThat(ids(live, "flashSaleId")).doesNotContain(upcoming, ended);
        assertThat(entry(live.body(), "flashSaleId", ongoing).path("remaining").asInt()).isEqualTo(5);
        assertThat(ids(api.eventually("/flash-sales?state=upcoming&limit=100", null,
                r -> ids(r, "flashSaleId").contains(upcoming)), "flashSaleId")).doesNotContain(ongoing, ended);
        assertThat(ids(api.eventually("/flash-sales?state=ended&limit=100", null,
                r -> ids(r, "flashSaleId").contains(ended)), "flashSaleId")).doesNotContain(ongoing, upcoming);
        TestApi.Response badState = api.get("/flash-sales?state=someday", null);
        assertThat(badState.status()).isEqualTo(400);
        assertThat(badState.code()).isEqualTo("VALIDATION_FAILED");
    }

    @Test
    void favoritesShowTheProductsCurrentNameAndPrice() {
        String product = shop.product(shop.merchant("Favorite shop"), shop.category("Favorites"), "Lamp", 7_000, 0);
        TestApi.User customer = api.newCustomer();
        assertThat(api.put("/favorites/" + product, customer.token(), null).status()).isEqualTo(200);
        assertThat(api.put("/products/" + product, shop.admin(), Map.of("price", 6_500)).status()).isEqualTo(200);

        TestApi.Response favorites = api.eventually("/favorites", customer.token(),
                r -> ids(r, "productId").contains(product)
                        && entry(r.body(), "productId", product).path("price").asLong() == 6_500);
        JsonNode lamp = entry(favorites.body(), "productId", product);
        assertThat(lamp.path("name").asText()).isEqualTo("Lamp");
        assertThat(lamp.path("listed").asBoolean()).isTrue();
        assertThat(lamp.path("favoritedAt").asText()).isNotBlank();
    }

    @Test
    void favoritesArePagedNewestFirst() {
        String merchant = shop.merchant("Paged favorites");
        String category = shop.category("Paged");
        TestApi.User customer = api.newCustomer();
        List<String> products = new java.util.ArrayList<>();
        for (String name : List.of("First", "Second", "Third")) {
            String product = shop.product(merchant, category, name, 1_000, 0);
            assertThat(api.put("/favorites/" + product, customer.token(), null).status()).isEqualTo(200);
            products.add(product);
        }
        TestApi.Response first = api.eventually("/favorites?size=2", customer.token(),
                r -> r.text("nextCursor") != null);
        assertThat(ids(first, "productId")).containsExactly(products.get(2), products.get(1));
        TestApi.Response rest = api.get("/favorites?size=2&cursor=" + first.text("nextCursor"), customer.token());
        assertThat(ids(rest, "productId")).containsExactly(products.get(0));
        assertThat(rest.text("nextCursor")).isNull();
        assertThat(api.get("/favorites?size=101", customer.token()).status()).isEqualTo(400);
    }

    static List<String> ids(TestApi.Response response, String field) {
        return ids(response.body(), field);
    }

    /** The given field of each item of a list, or of a page's {@code items}. */
    static List<String> ids(JsonNode list, String field) {
        JsonNode items = list.isArray() ? list : list.path("items");
        List<String> ids = new ArrayList<>();
        items.forEach(item -> ids.add(item.path(field).asText()));
        return ids;
    }

    static JsonNode entry(JsonNode list, String field, String value) {
        JsonNode items = list.isArray() ? list : list.path("items");
        for (JsonNode item : items) {
            if (value.equals(item.path(field).asText())) {
                return item;
            }
        }
        throw new AssertionError("no entry with " + field + " = " + value + " in " + list);
    }

    static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
