package io.eventmall.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A flash-sale purchase is decided on a writer thread at normal priority, while everything that follows from it
 * (the event processors' coordinators and workers, the order the process sends a command for) runs at the
 * background priority (BackgroundPriority).
 */
@IntegrationTest
class BackgroundPriorityIntegrationTest {

    @Autowired
    TestApi api;

    @Test
    void whatFollowsAPurchaseRunsInTheBackgroundWhileItsWriterKeepsTheNormalPriority() {
        String admin = api.adminToken();
        String productId = api.newProduct(admin, 100, 0);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        TestApi.Response sale = api.post("/flash-sales", admin, Map.of("productId", productId, "price", 1_000,
                "quantity", 5, "perUserLimit", 1, "startsAt", now.minusSeconds(5).toString(),
                "endsAt", now.plusSeconds(3600).toString()));
        assertThat(sale.status()).as(sale.body().toString()).isEqualTo(201);
        TestApi.User buyer = api.newCustomer();

        TestApi.Response purchase = api.post("/flash-sales/" + sale.text("flashSaleId") + "/purchases", buyer.token(),
                Map.of("quantity", 1));
        assertThat(purchase.status()).as(purchase.body().toString()).isEqualTo(202);
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> api.get("/orders/" + purchase.text("orderId"), buyer.token()),
                        r -> "AWAITING_PAYMENT".equals(r.text("status")));

        assertThat(threadsNamed("flash-sale-writer-")).isNotEmpty()
                .allMatch(thread -> thread.getPriority() == Thread.NORM_PRIORITY);
        assertThat(threadsNamed("http-nio-")).isNotEmpty()
                .allMatch(thread -> thread.getPriority() == Thread.NORM_PRIORITY);
        assertThat(threadsNamed("Coordinator[flash-sale-ordering]")).isNotEmpty();
        assertThat(threadsNamed("Coordinator[")).allMatch(thread -> thread.getPriority() == Thread.MIN_PRIORITY);
        assertThat(threadsNamed("process-command-")).isNotEmpty()
                .allMatch(thread -> thread.getPriority() == Thread.MIN_PRIORITY);
        // Workers lower themselves at their first batch: the one that turned the purchase into an order has.
        assertThat(threadsNamed("WorkPackage[flash-sale-ordering]"))
                .anyMatch(thread -> thread.getPriority() == Thread.MIN_PRIORITY);
        assertThat(threadsNamed("WorkPackage[OrderFulfilmentProcessor]"))
                .anyMatch(thread -> thread.getPriority() == Thread.MIN_PRIORITY);
    }

    private static List<Thread> threadsNamed(String prefix) {
        return Thread.getAllStackTraces().keySet().stream().filter(thread -> thread.getName().startsWith(prefix)).toList();
    }
}
