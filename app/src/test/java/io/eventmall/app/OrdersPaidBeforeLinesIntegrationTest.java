package io.eventmall.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.eventmall.api.order.OrderAccepted;
import io.eventmall.api.order.OrderLine;
import io.eventmall.api.order.OrderPaid;
import io.eventmall.api.order.OrderPlaced;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Orders stored before OrderPaid carried their lines (an OrderPlaced without {@code linesRepeatedWhenPaid}, an
 * OrderPaid without lines) still count in the read models of paid orders, which then keep their lines from the
 * placement as they used to; an order paid through the API (OrderPaid with its lines) counts the same.
 */
@IntegrationTest
class OrdersPaidBeforeLinesIntegrationTest {

    @Autowired
    TestApi api;
    @Autowired
    EventStore eventStore;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    StringRedisTemplate redis;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void anOrderStoredTheOldWayCountsAsOneStoredTheNewWay() {
        ShopFixture shop = new ShopFixture(api);
        String merchant = shop.merchant("Old and new shop");
        String category = shop.category("Old and new " + UUID.randomUUID());
        String marker = "oldnew" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        String storedOldWay = shop.product(merchant, category, "Kettle " + marker, 1_500, 100);
        String paidNewWay = shop.product(merchant, category, "Cup " + marker, 500, 100);
        TestApi.User customer = api.newCustomer();
        TestApi.User newWayCustomer = api.newCustomer();
        String analyst = api.newUserWithRoles(shop.admin(), "ANALYST").token();
        Instant start = Instant.now().minusSeconds(1);

        String orderId = UUID.randomUUID().toString();
        List<OrderLine> lines = List.of(new OrderLine(storedOldWay, "Kettle " + marker, 1_500, 3, merchant));
        storeAsOrder(orderId,
                new OrderPlaced(orderId, customer.userId(), lines, 4_500, null, null, null, false, null, 0, true),
                new OrderAccepted(orderId, Instant.now().plusSeconds(900), false),
                new OrderPaid(orderId, "payment-" + orderId, 4_500));
        // Placed before the paid one, so the processors (one segment each) have handled it once the paid one shows.
        String unpaid = shop.order(newWayCustomer, Map.of(paidNewWay, 1));
        shop.paidOrder(newWayCustomer, Map.of(paidNewWay, 3));

        TestApi.Response ranked = api.eventually("/rankings?categoryId=" + category, null,
                r -> soldUnits(r.body(), "productId").size() == 2);
        assertThat(soldUnits(ranked.body(), "productId")).isEqualTo(Map.of(storedOldWay, 3L, paidNewWay, 3L));

        TestApi.Response searched = api.eventually("/search?q=" + marker + "&sort=sales", null,
                r -> soldUnits(r.body().path("items"), "productId").values().stream().allMatch(units -> units == 3));
        assertThat(soldUnits(searched.body().path("items"), "productId"))
                .isEqualTo(Map.of(storedOldWay, 3L, paidNewWay, 3L));

        String window = "/analytics/sales?groupBy=product&from=" + start + "&to=" + Instant.now().plusSeconds(5);
        Set<String> products = Set.of(storedOldWay, paidNewWay);
        TestApi.Response sales = api.eventually(window, analyst,
                r -> SalesAnalyticsIntegrationTest.keep(r, products).size() == 2);
        assertThat(SalesAnalyticsIntegrationTest.keep(sales, products).get(storedOldWay)).containsExactly(1L, 3L, 4_500L);
        assertThat(SalesAnalyticsIntegrationTest.keep(sales, products).get(paidNewWay)).containsExactly(1L, 3L, 1_500L);

        // An order placed now left nothing behind for the day it is paid: its OrderPaid will carry its lines.
        assertThat(redis.hasKey("mall:rankings:order:" + unpaid)).isFalse();
        assertThat(redis.hasKey("mall:recommendations:pending-order:" + unpaid)).isFalse();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM sales_order_line WHERE order_id = ?", Long.class, unpaid))
                .isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM product_search_order_line WHERE order_id = ?", Long.class,
                unpaid)).isZero();
        // The order stored the old way had its lines kept from its placement, as before.
        assertThat(jdbc.queryForObject("SELECT count(*) FROM sales_order_line WHERE order_id = ?", Long.class, orderId))
                .isEqualTo(1);

        // Each order's category is its customer's interest from now on (what "guess you like" recommends from).
        for (TestApi.User buyer : List.of(customer, newWayCustomer)) {
            String interests = "mall:recommendations:bought-categories:" + buyer.userId();
            Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                    assertThat(redis.opsForSet().isMember(interests, category)).as(interests).isTrue());
        }
    }

    /** Appended as the Order aggregate's first events, the way an older build stored them. */
    private void storeAsOrder(String orderId, Object... events) {
        transactions.executeWithoutResult(tx -> {
            for (int sequence = 0; sequence < events.length; sequence++) {
                eventStore.publish(new GenericDomainEventMessage<>("Order", orderId, sequence, events[sequence]));
            }
        });
    }

    private static Map<String, Long> soldUnits(JsonNode items, String idField) {
        Map<String, Long> units = new java.util.HashMap<>();
        items.forEach(item -> units.put(item.path(idField).asText(), item.path("soldUnits").asLong()));
        return units;
    }
}
