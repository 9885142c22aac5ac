package io.eventmall.app;

import static io.eventmall.app.BrowsingIntegrationTest.entry;
import static io.eventmall.app.BrowsingIntegrationTest.ids;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.eventmall.api.flashsale.ScheduleFlashSale;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Rankings after paid and refunded orders, and the homepage served from Redis. */
@IntegrationTest
class RankingAndHomeIntegrationTest {

    @Autowired
    TestApi api;
    @Autowired
    javax.sql.DataSource dataSource;
    @Autowired
    CommandGateway commands;

    ShopFixture shop;

    @BeforeEach
    void setUp() {
        shop = new ShopFixture(api);
    }

    @Test
    void bestSellersCountPaidUnitsAndTakeRefundsBack() {
        String merchant = shop.merchant("Ranked shop");
        String category = shop.category("Ranked " + UUID.randomUUID());
        String steady = shop.product(merchant, category, "Steady seller", 1_000, 100);
        String hit = shop.product(merchant, category, "Hit", 1_000, 100);
        String returned = shop.product(merchant, category, "Returned a lot", 1_000, 100);
        String unpaid = shop.product(merchant, category, "Only in carts", 1_000, 100);
        TestApi.User first = api.newCustomer();
        TestApi.User second = api.newCustomer();
        shop.paidOrder(first, Map.of(steady, 3, returned, 1));
        shop.paidOrder(second, Map.of(hit, 5));
        String refunded = shop.paidOrder(second, Map.of(returned, 9));
        shop.order(first, Map.of(unpaid, 50));

        TestApi.Response before = api.eventually("/rankings?categoryId=" + category, null,
                r -> ids(r, "productId").equals(List.of(returned, hit, steady)));
        assertThat(entry(before.body(), "productId", returned).path("soldUnits").asLong()).isEqualTo(10);

        TestApi.Response refund = api.post("/orders/" + refunded + "/refund", shop.admin(), Map.of("reason", "damaged"));
        assertThat(refund.status()).as(refund.body().toString()).isEqualTo(200);
        TestApi.Response after = api.eventually("/rankings?categoryId=" + category, null,
                r -> ids(r, "productId").equals(List.of(hit, steady, returned)));
        assertThat(entry(after.body(), "productId", hit).path("soldUnits").asLong()).isEqualTo(5);
        assertThat(entry(after.body(), "productId", hit).path("name").asText()).isEqualTo("Hit");
        assertThat(entry(after.body(), "productId", steady).path("soldUnits").asLong()).isEqualTo(3);
        assertThat(entry(after.body(), "productId", returned).path("soldUnits").asLong()).isEqualTo(1);

        List<String> overall = ids(api.get("/rankings?limit=100", null), "productId");
        assertThat(overall).contains(hit, steady, returned).doesNotContain(unpaid);
        assertThat(overall.indexOf(hit)).isLessThan(overall.indexOf(steady));
        assertThat(ids(api.get("/rankings?categoryId=" + category + "&limit=1", null), "productId")).containsExactly(hit);
        assertThat(api.get("/rankings?limit=0", null).status()).isEqualTo(400);
    }

    @Test
    void theHomepageShowsActiveBannersFlashSalesWithRemainingUnitsRankingsAndNewArrivals() {
        Instant now = Instant.now();
        String active = banner(now.minusSeconds(60), now.plus(Duration.ofDays(1)));
        String expired = banner(now.minus(Duration.ofDays(2)), now.minus(Duration.ofDays(1)));
        String future = banner(now.plus(Duration.ofDays(1)), now.plus(Duration.ofDays(2)));
        String merchant = shop.merchant("Home shop");
        String category = shop.category("Home");
        String product = shop.product(merchant, category, "Homepage hero", 20_000, 10);
        String ongoing = UUID.randomUUID().toString();
        String upcoming = UUID.randomUUID().toString();
        commands.sendAndWait(new ScheduleFlashSale(ongoing, product, 5_000, 10, 3, now.minusSeconds(30),
                now.plus(Duration.ofMinutes(3))));
        commands.sendAndWait(new ScheduleFlashSale(upcoming, product, 6_000, 4, 1, now.plus(Duration.ofMinutes(2)),
                now.plus(Duration.ofMinutes(4))));
        TestApi.User buyer = api.newCustomer();
        TestApi.Response purchase = api.post("/flash-sales/" + ongoing + "/purchases", buyer.token(), Map.of("quantity", 2));
        assertThat(purchase.status()).as(purchase.body().toString()).isEqualTo(202);

        TestApi.Response home = api.eventually("/home", null, r -> r.status() == 200
                && ids(r.body().path("flashSales").path("ongoing"), "flashSaleId").contains(ongoing)
                && entry(r.body().path("flashSales").path("ongoing"), "flashSaleId", ongoing).path("remaining").asInt() == 8
                && ids(r.body().path("banners"), "bannerId").contains(active));
        List<String> banners = ids(home.body().path("banners"), "bannerId");
        assertThat(banners).doesNotContain(expired, future);
        JsonNode sale = entry(home.body().path("flashSales").path("ongoing"), "flashSaleId", ongoing);
        assertThat(sale.path("productName").asText()).isEqualTo("Homepage hero");
        assertThat(sale.path("price").asLong()).isEqualTo(5_000);
        assertThat(ids(home.body().path("flashSales").path("upcoming"), "flashSaleId")).contains(upcoming)
                .doesNotContain(ongoing);
        assertThat(home.body().path("rankings").isArray()).isTrue();
        assertThat(ids(home.body().path("recommendations"), "productId")).first().isEqualTo(product);
    }

    @Test
    void guessYouLikeFavorsTheCategoriesACustomerBoughtOrFavorited() {
        String merchant = shop.merchant("Taste shop");
        String tea = shop.category("Tea " + UUID.randomUUID());
        String books = shop.category("Books " + UUID.randomUUID());
        String oolong = shop.product(merchant, tea, "Oolong", 1_500, 10);
        String puer = shop.product(merchant, tea, "Pu-erh", 2_500, 10);
        String novel = shop.product(merchant, books, "Novel", 1_200, 10);
        String atlas = shop.product(merchant, books, "Atlas", 3_200, 10);
        List<String> newer = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            newer.add(shop.product(merchant, shop.category("Other"), "Newer " + i, 100, 0));
        }
        TestApi.User teaLover = api.newCustomer();
        TestApi.User reader = api.newCustomer();
        TestApi.User anonymousLike = api.newCustomer();
        assertThat(api.put("/favorites/" + oolong, teaLover.token(), null).status()).isEqualTo(200);
        shop.paidOrder(reader, Map.of(novel, 1));

        TestApi.Response forTeaLover = api.eventually("/home", teaLover.token(),
                r -> ids(r.body().path("recommendations"), "productId").size() >= 2
                        && ids(r.body().path("recommendations"), "productId").subList(0, 2).equals(List.of(puer, oolong)));
        assertThat(ids(forTeaLover.body().path("recommendations"), "productId")).contains(newer.get(9));
        api.eventually("/home", reader.token(), r -> ids(r.body().path("recommendations"), "productId").size() >= 2
                && ids(r.body().path("recommendations"), "productId").subList(0, 2).equals(List.of(atlas, novel)));
        List<String> fallback = ids(api.get("/home", anonymousLike.token()).body().path("recommendations"), "productId");
        assertThat(fallback.subList(0, 3)).containsExactly(newer.get(9), newer.get(8), newer.get(7));
        assertThat(ids(api.get("/home", null).body().path("recommendations"), "productId")).isEqualTo(fallback);
    }

    @Test
    void aHomepageHitTakesNoDatabaseConnection() {
        api.eventually("/home", null, r -> r.status() == 200);
        long before = RequestThreadJdbcCounter.connectionsTakenByRequestsTo(dataSource, "/api/v1/home");
        for (int i = 0; i < 20; i++) {
            assertThat(api.get("/home", null).status()).isEqualTo(200);
        }
        assertThat(RequestThreadJdbcCounter.connectionsTakenByRequestsTo(dataSource, "/api/v1/home")).isEqualTo(before);
        // The counter does count: a read through the query bus to PostgreSQL takes a connection.
        long flashSalesBefore = RequestThreadJdbcCounter.connectionsTakenByRequestsTo(dataSource, "/api/v1/flash-sales");
        assertThat(api.get("/flash-sales", null).status()).isEqualTo(200);
        assertThat(RequestThreadJdbcCounter.connectionsTakenByRequestsTo(dataSource, "/api/v1/flash-sales"))
                .isGreaterThan(flashSalesBefore);
    }

    private String banner(Instant from, Instant to) {
        TestApi.Response banner = api.post("/banners", shop.admin(), Map.of("imageUrl", "https://img.example/b.jpg",
                "link", "/somewhere", "position", 1, "activeFrom", from.toString(), "activeTo", to.toString()));
        assertThat(banner.status()).as(banner.body().toString()).isEqualTo(201);
        return banner.text("bannerId");
    }
}
