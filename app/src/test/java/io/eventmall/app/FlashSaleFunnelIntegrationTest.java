package io.eventmall.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.eventmall.api.order.ExpireOrder;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpMethod;

/**
 * A flash sale's funnel counts every answer of the purchase path (admitted, sold out, over the limit, rate
 * limited) and the end of its orders (paid, expired), and the live stream pushes it every second.
 */
@IntegrationTest
class FlashSaleFunnelIntegrationTest {

    @Autowired
    TestApi api;
    @Autowired
    CommandGateway commands;
    @Value("${local.server.port}")
    int port;

    @Test
    void theFunnelCountsEveryAnswerAndHowTheOrdersEnded() throws Exception {
        String admin = api.adminToken();
        String analyst = api.newUserWithRoles(admin, "ANALYST").token();
        String flashSaleId = api.ongoingFlashSale(admin, 2);
        TestApi.User first = api.newCustomer();
        TestApi.User second = api.newCustomer();

        TestApi.Response admitted = purchase(first, flashSaleId);
        assertThat(admitted.status()).as(admitted.body().toString()).isEqualTo(202);
        assertThat(purchase(first, flashSaleId).code()).isEqualTo("LIMIT_REACHED");
        TestApi.Response admittedToo = purchase(second, flashSaleId);
        assertThat(admittedToo.status()).isEqualTo(202);
        assertThat(purchase(api.newCustomer(), flashSaleId).code()).isEqualTo("SOLD_OUT");

        // One buyer hammering the button: answered 429 beyond the per-user rate, 409 SOLD_OUT within it.
        TestApi.User hammering = api.newCustomer();
        ExecutorService pool = Executors.newFixedThreadPool(12);
        List<Future<TestApi.Response>> burst = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            burst.add(pool.submit(() -> purchase(hammering, flashSaleId)));
        }
        long rateLimited = 0;
        long soldOut = 1;
        for (Future<TestApi.Response> answer : burst) {
            String code = answer.get().code();
            rateLimited += "RATE_LIMITED".equals(code) ? 1 : 0;
            soldOut += "SOLD_OUT".equals(code) ? 1 : 0;
        }
        pool.shutdown();
        assertThat(rateLimited).isPositive();

        String paidOrder = admitted.text("orderId");
        api.eventually("/orders/" + paidOrder, first.token(), r -> "AWAITING_PAYMENT".equals(r.text("status")));
        api.payThroughSandbox(first, paidOrder);
        String expiredOrder = admittedToo.text("orderId");
        api.eventually("/orders/" + expiredOrder, second.token(), r -> "AWAITING_PAYMENT".equals(r.text("status")));
        // What the payment deadline does when it fires (mall.order.payment-timeout is 30 minutes here).
        commands.sendAndWait(new ExpireOrder(expiredOrder));

        long answered = 4 + burst.size();
        long expectedSoldOut = soldOut;
        long expectedRateLimited = rateLimited;
        JsonNode funnel = api.eventually("/analytics/flash-sales/" + flashSaleId, analyst,
                r -> r.body().path("ordersPaid").asLong() == 1 && r.body().path("ordersExpired").asLong() == 1).body();
        assertThat(funnel.path("attempts").asLong()).isEqualTo(answered);
        assertThat(funnel.path("admitted").asLong()).isEqualTo(2);
        assertThat(funnel.path("rejectedLimit").asLong()).isEqualTo(1);
        assertThat(funnel.path("rejectedSoldOut").asLong()).isEqualTo(expectedSoldOut);
        assertThat(funnel.path("rateLimited").asLong()).isEqualTo(expectedRateLimited);

        assertThat(api.get("/analytics/flash-sales/no-such-sale", analyst).status()).isEqualTo(404);
        assertThat(api.get("/analytics/flash-sales/" + flashSaleId, first.token()).status()).isEqualTo(403);
    }

    @Test
    void theLiveStreamPushesTheFiguresEverySecondWhileTheSaleRuns() throws Exception {
        String admin = api.adminToken();
        String analyst = api.newUserWithRoles(admin, "ANALYST").token();
        String flashSaleId = api.ongoingFlashSale(admin, 5);
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest live = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/analytics/flash-sales/"
                        + flashSaleId + "/live")).header("Authorization", "Bearer " + analyst)
                .header("Accept", "text/event-stream").build();
        HttpResponse<java.io.InputStream> stream = http.send(live, HttpResponse.BodyHandlers.ofInputStream());
        assertThat(stream.statusCode()).isEqualTo(200);
        List<JsonNode> events = new ArrayList<>();
        Instant started = Instant.now();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
            String line;
            while (events.size() < 3 && (line = lines.readLine()) != null) {
                if (line.startsWith("data:")) {
                    events.add(api.json().readTree(line.substring(5)));
                    if (events.size() == 1) {
                        assertThat(purchase(api.newCustomer(), flashSaleId).status()).isEqualTo(202);
                    }
                }
            }
        }
        // Three pushes (the first at once) within about two seconds: at least one a second.
        assertThat(Duration.between(started, Instant.now())).isLessThan(Duration.ofMillis(3_500));
        assertThat(events.get(0).path("funnel").path("attempts").asLong()).isZero();
        assertThat(events.get(0).path("remaining").asInt()).isEqualTo(5);
        assertThat(events.get(2).path("funnel").path("admitted").asLong()).isEqualTo(1);
        assertThat(events.get(2).path("state").asText()).isEqualTo("ONGOING");
    }

    private TestApi.Response purchase(TestApi.User buyer, String flashSaleId) {
        return api.call(HttpMethod.POST, "/flash-sales/" + flashSaleId + "/purchases", buyer.token(),
                Map.of("quantity", 1), Map.of("Idempotency-Key", UUID.randomUUID().toString()));
    }
}
