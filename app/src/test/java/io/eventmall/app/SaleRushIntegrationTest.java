package io.eventmall.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventmall.app.config.SaleRush;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * While a sale's writer is in a rush (batches of many purchases), what follows from a purchase (its order, the order
 * read model) waits, and catches up once the rush pauses; the purchase itself is answered at once (SaleRush).
 */
@IntegrationTest
class SaleRushIntegrationTest {

    @Autowired
    TestApi api;
    @Autowired
    SaleRush rush;
    @Autowired
    MeterRegistry meters;

    @Test
    void aPurchaseDuringARushIsAnsweredAtOnceAndItsOrderFollowsWhenTheRushPauses() throws Exception {
        String admin = api.adminToken();
        String saleId = api.ongoingFlashSale(admin, 5);
        TestApi.User buyer = api.newCustomer();
        long heldBefore = meters.timer("mall.flash-sale.rush.held").count();

        AtomicBoolean rushing = new AtomicBoolean(true);
        Thread otherSalesWriter = new Thread(() -> {
            while (rushing.get()) {
                rush.batchWritten("another-sale", 64);
                try {
                    Thread.sleep(20);
                } catch (InterruptedException stop) {
                    return;
                }
            }
        });
        otherSalesWriter.start();
        try {
            TestApi.Response purchase = api.post("/flash-sales/" + saleId + "/purchases", buyer.token(),
                    Map.of("quantity", 1));
            assertThat(purchase.status()).as(purchase.body().toString()).isEqualTo(202);
            Thread.sleep(1_000);
            assertThat(rush.inRush()).isTrue();
            assertThat(api.get("/orders/" + purchase.text("orderId"), buyer.token()).status())
                    .as("the order follows the purchase only once the rush pauses").isEqualTo(404);

            rushing.set(false);
            otherSalesWriter.join();
            Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                    .until(() -> api.get("/orders/" + purchase.text("orderId"), buyer.token()),
                            r -> "AWAITING_PAYMENT".equals(r.text("status")));
        } finally {
            rushing.set(false);
            otherSalesWriter.join();
        }
        assertThat(meters.timer("mall.flash-sale.rush.held").count()).isGreaterThan(heldBefore);
    }
}
