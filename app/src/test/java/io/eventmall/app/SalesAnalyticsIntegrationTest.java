package io.eventmall.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * GET /analytics/sales against the real Elasticsearch: the buckets equal the sums of what the test's own
 * orders paid, by product, category and shop, with a refund subtracted in the bucket of its own time.
 */
@IntegrationTest
class SalesAnalyticsIntegrationTest {

    @Autowired
    TestApi api;

    private ShopFixture shop;
    private String analyst;

    @BeforeEach
    void shop() {
        shop = new ShopFixture(api);
        analyst = api.newUserWithRoles(shop.admin(), "ANALYST").token();
    }

    @Test
    void bucketsAreTheSumsOfThePaidAndRefundedOrders() {
        Instant start = Instant.now().minusSeconds(1);
        String outdoor = shop.merchant("Outdoor");
        String kitchen = shop.merchant("Kitchen");
        String shoes = shop.category("Shoes");
        String pans = shop.category("Pans");
        String runner = shop.product(outdoor, shoes, "Runner", 1_000, 50);
        String skillet = shop.product(outdoor, pans, "Skillet", 2_500, 50);
        String boot = shop.product(kitchen, shoes, "Boot", 4_000, 50);
        TestApi.User customer = api.newCustomer();

        shop.paidOrder(customer, Map.of(runner, 2, skillet, 1));       // 2000 + 2500
        String refunded = shop.paidOrder(customer, Map.of(boot, 1));   // 4000, refunded below
        shop.paidOrder(customer, Map.of(runner, 1, boot, 2));          // 1000 + 8000
        shop.order(customer, Map.of(runner, 5));                       // never paid: not a sale
        Instant allPaid = Instant.now();

        // Before the refund: every paid order counts.
        Map<String, List<Long>> paid = Map.of(runner, List.of(2L, 3L, 3_000L), skillet, List.of(1L, 1L, 2_500L),
                boot, List.of(2L, 3L, 12_000L));
        awaitFigures("groupBy=product&from=" + start + "&to=" + allPaid, paid);

        TestApi.Response refund = api.post("/orders/" + refunded + "/refund", shop.admin(), Map.of("reason", "test"));
        assertThat(refund.status()).as(refund.body().toString()).isEqualTo(200);
        Instant afterRefund = Instant.now().plusSeconds(1);

        // The refund's own window holds its order negated; what was paid before stays where it was.
        awaitFigures("groupBy=product&from=" + allPaid + "&to=" + afterRefund, Map.of(boot, List.of(-1L, -1L, -4_000L)));
        assertThat(figures("groupBy=product&from=" + start + "&to=" + allPaid, paid.keySet())).isEqualTo(paid);

        String whole = "&from=" + start + "&to=" + afterRefund;
        assertThat(figures("groupBy=product" + whole, Set.of(runner, skillet, boot))).isEqualTo(Map.of(
                runner, List.of(2L, 3L, 3_000L), skillet, List.of(1L, 1L, 2_500L), boot, List.of(1L, 2L, 8_000L)));
        // The third order has two lines in "Shoes": one order there, not two.
        assertThat(figures("groupBy=category" + whole, Set.of(shoes, pans))).isEqualTo(Map.of(
                shoes, List.of(2L, 5L, 11_000L), pans, List.of(1L, 1L, 2_500L)));
        assertThat(figures("groupBy=merchant" + whole, Set.of(outdoor, kitchen))).isEqualTo(Map.of(
                outdoor, List.of(2L, 4L, 5_500L), kitchen, List.of(1L, 2L, 8_000L)));

        // By the hour: buckets start on the hour and add up to the same figures.
        TestApi.Response hourly = api.get("/analytics/sales?interval=hour&groupBy=merchant" + whole, analyst);
        assertThat(hourly.status()).as(hourly.body().toString()).isEqualTo(200);
        Map<String, List<Long>> summed = new HashMap<>();
        for (JsonNode bucket : hourly.body().path("buckets")) {
            Instant time = Instant.parse(bucket.path("time").asText());
            assertThat(time).isEqualTo(time.truncatedTo(ChronoUnit.HOURS));
            summed.merge(bucket.path("key").asText(), figuresOf(bucket), SalesAnalyticsIntegrationTest::add);
        }
        assertThat(summed.get(outdoor)).isEqualTo(List.of(2L, 4L, 5_500L));
        assertThat(summed.get(kitchen)).isEqualTo(List.of(1L, 2L, 8_000L));
    }

    @Test
    void badParametersAreRefusedAndOtherRolesAreNot() {
        assertThat(api.get("/analytics/sales?interval=week", analyst).code()).isEqualTo("VALIDATION_FAILED");
        assertThat(api.get("/analytics/sales?groupBy=colour", analyst).code()).isEqualTo("VALIDATION_FAILED");
        assertThat(api.get("/analytics/sales?interval=hour", analyst).code()).isEqualTo("VALIDATION_FAILED");
        assertThat(api.get("/analytics/sales?from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z", analyst).code())
                .isEqualTo("VALIDATION_FAILED");
        assertThat(api.get("/analytics/sales?interval=hour&from=2000-01-01T00:00:00Z&to=2026-01-01T00:00:00Z", analyst)
                .code()).isEqualTo("VALIDATION_FAILED");
        assertThat(api.get("/analytics/sales?from=yesterday", analyst).status()).isEqualTo(400);
        assertThat(api.get("/analytics/sales", shop.admin()).status()).isEqualTo(200);
        assertThat(api.get("/analytics/sales", api.newCustomer().token()).status()).isEqualTo(403);
    }

    private void awaitFigures(String query, Map<String, List<Long>> expected) {
        api.eventually("/analytics/sales?" + query, analyst,
                r -> r.status() == 200 && expected.equals(keep(r, expected.keySet())));
    }

    private Map<String, List<Long>> figures(String query, Set<String> keys) {
        TestApi.Response response = api.get("/analytics/sales?" + query, analyst);
        assertThat(response.status()).as(response.body().toString()).isEqualTo(200);
        return keep(response, keys);
    }

    /** orders, units, amount per key, for the keys this test made (the index holds other tests' sales too). */
    static Map<String, List<Long>> keep(TestApi.Response response, Set<String> keys) {
        Map<String, List<Long>> figures = new HashMap<>();
        for (JsonNode bucket : response.body().path("buckets")) {
            if (keys.contains(bucket.path("key").asText())) {
                figures.merge(bucket.path("key").asText(), figuresOf(bucket), SalesAnalyticsIntegrationTest::add);
            }
        }
        return figures;
    }

    private static List<Long> figuresOf(JsonNode bucket) {
        return List.of(bucket.path("orders").asLong(), bucket.path("units").asLong(), bucket.path("amount").asLong());
    }

    private static List<Long> add(List<Long> a, List<Long> b) {
        return List.of(a.get(0) + b.get(0), a.get(1) + b.get(1), a.get(2) + b.get(2));
    }
}
