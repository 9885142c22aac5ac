package io.eventmall.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** What operators see of a rebuild, and what they may not rebuild at all. */
@IntegrationTest
class ReplayStatusIntegrationTest {

    private static final List<String> NOT_REPLAYABLE = List.of("OrderFulfilmentProcessor", "PaymentSettlementProcessor",
            "refunds", "flash-sale-ordering", "integrity-chain");

    @Autowired
    TestApi api;

    @Test
    void processesAndCommandSendersAreNotReplayableAndAReplayOfThemIsRefused() {
        String admin = api.adminToken();
        JsonNode statuses = api.get("/admin/projections", admin).body();
        for (JsonNode status : statuses) {
            assertThat(status.has("replayable")).as(status.toString()).isTrue();
        }
        for (String name : NOT_REPLAYABLE) {
            assertThat(ProjectionReplayIntegrationTest.status(statuses, name).path("replayable").asBoolean())
                    .as(name).isFalse();
            TestApi.Response refused = api.post("/admin/projections/" + name + "/replay", admin, null);
            assertThat(refused.status()).as(name + ": " + refused.body()).isEqualTo(409);
            assertThat(refused.code()).isEqualTo("INVALID_STATE");
        }
        assertThat(ProjectionReplayIntegrationTest.status(statuses, "orders").path("replayable").asBoolean()).isTrue();
    }

    /** Axon's replay flag stays on until a newer event arrives; the status must say false once caught up. */
    @Test
    void aRebuildIsNoLongerReplayingOnceItHasCaughtUpEvenWithoutNewEvents() {
        String admin = api.adminToken();
        String productId = api.newProduct(admin, 1_200, 5);
        api.awaitingPaymentOrder(api.newCustomer(), productId, 1);
        assertThat(api.post("/admin/projections/orders/replay", admin, null).status()).isEqualTo(202);

        JsonNode rebuilt = Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> ProjectionReplayIntegrationTest.status(api.get("/admin/projections", admin).body(), "orders"),
                        status -> status.path("lag").asLong(-1) == 0 && !status.path("replaying").asBoolean(true));
        assertThat(rebuilt.has("progress")).as(rebuilt.toString()).isFalse();
        assertThat(api.get("/admin/projections", admin).body()).allSatisfy(status ->
                assertThat(status.path("replaying").asBoolean()).as(status.toString()).isFalse());
    }
}
