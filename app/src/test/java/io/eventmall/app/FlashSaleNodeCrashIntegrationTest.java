package io.eventmall.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.env.Environment;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Two nodes sell one flash sale on one PostgreSQL and one Redis; one of them is killed (SIGKILL, a process of its own)
 * with purchases in flight. Buyers whose request was in flight give up; later ones reach the survivor. Every 202 that
 * any node gave is a committed purchase, the admissions the dead node took and never committed are given back, and
 * the sale sells every unit exactly once; the survivor takes over the dead node's event processors, so the orders
 * still reach AWAITING_PAYMENT.
 */
@CrowdTest
class FlashSaleNodeCrashIntegrationTest {

    private static final int UNITS = 1_000;
    private static final int BUYERS = 3_000;

    @Autowired
    TestApi api;
    @Autowired
    Buyers crowd;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    StringRedisTemplate redis;
    @Autowired
    Environment environment;
    @Value("${local.server.port}")
    int survivorPort;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void aNodeKilledMidSaleLosesNo202AndStrandsNoUnit() throws Exception {
        String admin = api.adminToken();
        String productId = api.newProduct(admin, 10_000, 0);
        Instant start = Instant.now().minusSeconds(5).truncatedTo(ChronoUnit.SECONDS);
        String flashSaleId = api.post("/flash-sales", admin, Map.of("productId", productId, "price", 1_000,
                "quantity", UNITS, "perUserLimit", 1, "startsAt", start.toString(),
                "endsAt", start.plus(Duration.ofHours(1)).toString())).text("flashSaleId");

        int victimPort = freePort();
        Process victim = startNode(victimPort);
        try {
            Awaitility.await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(500))
                    .until(() -> status(victimPort, "/actuator/health/liveness") == 200);

            ConcurrentLinkedQueue<Accepted> accepted = new ConcurrentLinkedQueue<>();
            AtomicInteger answered = new AtomicInteger();
            AtomicInteger gaveUp = new AtomicInteger();
            ExecutorService buyers = Executors.newFixedThreadPool(48);
            List<Future<Object>> answers = new ArrayList<>();
            for (int i = 0; i < BUYERS; i++) {
                boolean toVictim = i % 2 == 0;
                answers.add(buyers.submit(() -> {
                    int port = toVictim && victim.isAlive() ? victimPort : survivorPort;
                    try {
                        purchase(port, flashSaleId, newBuyer()).ifPresent(accepted::add);
                        answered.incrementAndGet();
                    } catch (IOException inFlightAtTheCrash) {
                        gaveUp.incrementAndGet();
                    }
                    return null;
                }));
            }
            Awaitility.await().atMost(Duration.ofSeconds(120)).until(() -> answered.get() >= BUYERS / 3);
            victim.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            buyers.shutdown();
            assertThat(buyers.awaitTermination(180, TimeUnit.SECONDS)).isTrue();
            for (Future<Object> answer : answers) {
                answer.get(); // every answer was a 202 or a 409: no 5xx, whichever node gave it
            }

            // Demand goes on above what is left: admissions the dead node never committed come back and are sold.
            Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).until(() -> {
                purchase(survivorPort, flashSaleId, newBuyer()).ifPresent(accepted::add);
                return committed(flashSaleId) == UNITS
                        && "0".equals(redis.opsForHash().get("mall:gate:{" + flashSaleId + "}:sale", "remaining"));
            });

            assertThat(committed(flashSaleId)).isEqualTo(UNITS);
            List<String> acceptedIds = accepted.stream().map(Accepted::purchaseId).toList();
            assertThat(acceptedIds).doesNotHaveDuplicates();
            // Every 202 is a committed purchase. A purchase can also commit with its answer lost in the crash: only
            // buyers who gave up can be missing one (a retry with their Idempotency-Key would get it).
            assertThat(jdbc.queryForList("SELECT purchase_id FROM flash_sale_purchase WHERE flash_sale_id = ?",
                    String.class, flashSaleId)).containsAll(acceptedIds);
            assertThat(UNITS - accepted.size()).isLessThanOrEqualTo(gaveUp.get());
            api.eventually("/flash-sales/" + flashSaleId, null, r -> r.body().path("remaining").asInt() == 0);

            // The dead node's processors are taken over: a sample of orders, from both nodes' buyers, await payment.
            for (Accepted sample : new ArrayList<>(accepted).subList(0, 10)) {
                Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                        .until(() -> api.get("/orders/" + sample.orderId(), sample.token()),
                                r -> "AWAITING_PAYMENT".equals(r.text("status")));
            }
        } finally {
            victim.destroyForcibly();
        }
    }

    private record Accepted(String purchaseId, String orderId, String token) {
    }

    private String newBuyer() {
        return crowd.newBuyer().token();
    }

    /**
     * As a client would: a 503 (with Retry-After) is tried again with the same Idempotency-Key, which is answered
     * from the purchase it names if that one did commit meanwhile.
     */
    private java.util.Optional<Accepted> purchase(int port, String flashSaleId, String token)
            throws IOException, InterruptedException {
        String key = UUID.randomUUID().toString();
        HttpResponse<String> response = null;
        for (int attempt = 0; attempt < 10; attempt++) {
            response = http.send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + port + "/api/v1/flash-sales/" + flashSaleId + "/purchases"))
                    .timeout(Duration.ofSeconds(30)).header("Idempotency-Key", key)
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"quantity\":1}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 503) {
                break;
            }
            assertThat(response.headers().firstValue("Retry-After")).isPresent();
            Thread.sleep(1_000);
        }
        assertThat(response.statusCode()).as(response.body()).isIn(202, 409);
        if (response.statusCode() != 202) {
            return java.util.Optional.empty();
        }
        var body = new com.fasterxml.jackson.databind.ObjectMapper().readTree(response.body());
        return java.util.Optional.of(new Accepted(body.path("purchaseId").asText(), body.path("orderId").asText(), token));
    }

    private int committed(String flashSaleId) {
        return jdbc.queryForObject("SELECT count(*) FROM flash_sale_purchase WHERE flash_sale_id = ?", Integer.class,
                flashSaleId);
    }

    private int status(int port, String path) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException | InterruptedException notYet) {
            return -1;
        }
    }

    /** The same application on the same database and Redis, in a JVM of its own so that it can be killed. */
    private Process startNode(int port) throws IOException {
        File log = new File("target/crash-test-node.log");
        return new ProcessBuilder(List.of(
                new File(System.getProperty("java.home"), "bin/java").getPath(), "-Xmx512m",
                "-cp", System.getProperty("java.class.path"), MallApplication.class.getName(),
                "--spring.profiles.active=" + String.join(",", environment.getActiveProfiles()),
                "--server.port=" + port,
                "--spring.datasource.url=" + environment.getProperty("spring.datasource.url"),
                "--spring.flyway.schemas=" + environment.getProperty("spring.flyway.schemas", ""),
                // The same servers as this node's, local or containers: the node is no JUnit run that could ask.
                "--spring.data.redis.host=" + environment.getProperty("spring.data.redis.host"),
                "--spring.data.redis.port=" + environment.getProperty("spring.data.redis.port"),
                "--spring.data.redis.database=" + environment.getProperty("spring.data.redis.database"),
                "--mall.elasticsearch.uris=" + environment.getProperty("mall.elasticsearch.uris"),
                "--mall.elasticsearch.index-prefix=" + environment.getProperty("mall.elasticsearch.index-prefix")))
                .redirectErrorStream(true).redirectOutput(log).start();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
