package io.eventmall.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import io.eventmall.app.config.BackgroundPriority;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * While a flash sale is writing, what follows from its purchases (the event processors' coordinators and workers, the
 * command the process sends for the order) runs at the lowest priority and the sale's writer above the requests; once
 * no batch has been written for mall.flash-sale.background-yield (PT2S in tests) background work is back at the
 * normal priority (BackgroundPriority).
 */
@IntegrationTest
class BackgroundPriorityIntegrationTest {

    @Autowired
    TestApi api;
    @Autowired
    BackgroundPriority priority;

    @Test
    void whileASaleIsWritingWhatFollowsFromItsPurchasesYieldsAndAfterwardsItIsBackAtNormalPriority() {
        String admin = api.adminToken();
        String productId = api.newProduct(admin, 100, 0);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        TestApi.Response sale = api.post("/flash-sales", admin, Map.of("productId", productId, "price", 1_000,
                "quantity", 5, "perUserLimit", 1, "startsAt", now.minusSeconds(5).toString(),
                "endsAt", now.plusSeconds(3600).toString()));
        assertThat(sale.status()).as(sale.body().toString()).isEqualTo(201);
        TestApi.User buyer = api.newCustomer();
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !priority.yielding());
        assertThat(priority.backgroundThreads()).allMatch(thread -> thread.getPriority() == Thread.NORM_PRIORITY);

        TestApi.Response purchase = api.post("/flash-sales/" + sale.text("flashSaleId") + "/purchases", buyer.token(),
                Map.of("quantity", 1));
        assertThat(purchase.status()).as(purchase.body().toString()).isEqualTo(202);
        assertThat(priority.yielding()).isTrue();
        assertThat(background("Coordinator[flash-sale-ordering]")).isNotEmpty()
                .allMatch(thread -> thread.getPriority() == Thread.MIN_PRIORITY);
        // Several applications may share the JVM (other tests' contexts): every writer thread in it runs above the
        // requests, which keep the normal priority.
        assertThat(threadsNamed("flash-sale-writer-")).isNotEmpty()
                .allMatch(thread -> thread.getPriority() == BackgroundPriority.SALE_WRITER_PRIORITY)
                .allMatch(thread -> thread.getPriority() > Thread.NORM_PRIORITY);
        assertThat(threadsNamed("http-nio-")).isNotEmpty()
                .allMatch(thread -> thread.getPriority() == Thread.NORM_PRIORITY);
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> api.get("/orders/" + purchase.text("orderId"), buyer.token()),
                        r -> "AWAITING_PAYMENT".equals(r.text("status")));
        // The worker that turned the purchase into an order, and the command thread that placed it, are background.
        assertThat(background("WorkPackage[flash-sale-ordering]")).isNotEmpty();
        assertThat(background("process-command-")).isNotEmpty();

        Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
                .until(() -> !priority.yielding());
        assertThat(priority.backgroundThreads()).allMatch(thread -> thread.getPriority() == Thread.NORM_PRIORITY);
    }

    private List<Thread> background(String prefix) {
        return priority.backgroundThreads().stream().filter(thread -> thread.getName().startsWith(prefix)).toList();
    }

    private static List<Thread> threadsNamed(String prefix) {
        return Thread.getAllStackTraces().keySet().stream().filter(thread -> thread.getName().startsWith(prefix)).toList();
    }
}
