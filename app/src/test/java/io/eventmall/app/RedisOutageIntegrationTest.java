package io.eventmall.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.eventmall.testservers.TestServers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import io.eventmall.api.identity.Role;
import io.eventmall.app.security.TokenIssuer;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Redis stops while the projections are working and starts again (and, in the drill, dies under traffic and comes
 * back empty): reads that need it answer 503 with
 * Retry-After, the Redis read models' events wait in their dead-letter queues, PostgreSQL read models go on, and
 * once Redis is back every read model catches up with nothing lost.
 *
 * <p>Other suites share the local Redis server, so this one runs its own redis-server on a spare port, and its
 * own application context whose tables live in a schema of their own.
 */
@SpringBootTest(classes = MallApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"dev", "test"})
@Import({CleanDatabase.class, CleanRedis.class, TestApi.Config.class})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class RedisOutageIntegrationTest {

    private static final int PORT = Integer.getInteger("mall.test.outage-redis-port", 6390);
    private static final String SCHEMA = "redis_outage";

    @Autowired
    TestApi api;
    @Autowired
    CommandGateway commands;
    @Autowired
    TokenIssuer tokens;
    @Autowired
    StringRedisTemplate redis;

    /** Longest a request may take while Redis is gone: its command and connect timeouts (2 s, 1 s) and a margin. */
    private static final Duration ANSWER_BOUND = Duration.ofSeconds(5);

    @DynamicPropertySource
    static void ownRedisAndSchema(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> TestServers.inSchema(TestServers.testDatabaseUrl(), SCHEMA));
        registry.add("spring.flyway.schemas", () -> SCHEMA);
        // A private redis-server on 127.0.0.1, wherever the other servers are.
        registry.add("spring.data.redis.host", () -> "127.0.0.1");
        registry.add("spring.data.redis.port", () -> PORT);
        registry.add("spring.data.redis.database", () -> 0);
    }

    @BeforeAll
    static void startRedis() throws Exception {
        Files.deleteIfExists(dataDirectory().resolve("dump.rdb"));
        startOwnRedis();
    }

    /** Its schema stays until the next run of this suite cleans it (Flyway, like the main schema). */
    @AfterAll
    static void stopRedis() throws Exception {
        stopOwnRedis(false);
    }

    @Test
    void readModelsCatchUpWithNothingLostAfterRedisComesBack() throws Exception {
        ShopFixture shop = new ShopFixture(api);
        String admin = shop.admin();
        String merchant = shop.merchant("Outage shop");
        String category = shop.category("Outage");
        String before = shop.product(merchant, category, "Before the outage", 1_000, 10);
        TestApi.User customer = api.newCustomer();
        shop.paidOrder(customer, Map.of(before, 1));
        api.eventually("/rankings?categoryId=" + category, null, r -> soldUnits(r.body(), before) == 1);
        assertThat(api.get("/home", null).status()).isEqualTo(200);

        stopOwnRedis(true);

        TestApi.Response home = api.get("/home", null);
        assertThat(home.status()).isEqualTo(503);
        assertThat(home.code()).isEqualTo("DEPENDENCY_UNAVAILABLE");
        assertThat(home.headers().getFirst("Retry-After")).isNotBlank();
        assertThat(api.get("/rankings", null).status()).isEqualTo(503);
        assertThat(api.get("/merchants/top", null).status()).isEqualTo(503);

        // Commands and PostgreSQL read models go on; the product page falls back to PostgreSQL.
        String during = shop.product(merchant, category, "During the outage", 2_000, 10);
        shop.paidOrder(customer, Map.of(before, 2, during, 3));
        TestApi.Response page = api.eventually("/products/" + during, null, r -> r.status() == 200);
        assertThat(page.body().path("price").asLong()).isEqualTo(2_000);
        // Events are dead-lettered, not left unread: the processor gets to the head with letters in its queue (it
        // handles its events in batches, so the first letter appears before the batch is through).
        JsonNode rankings = Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> ProjectionReplayIntegrationTest.status(api.get("/admin/projections", admin).body(), "rankings"),
                        status -> status.path("deadLetters").asLong() > 0 && status.path("lag").asLong(-1) == 0);
        assertThat(rankings.path("lag").asLong()).as("events are dead-lettered, not left unread").isZero();

        startOwnRedis();

        TestApi.Response caughtUp = api.eventually("/rankings?categoryId=" + category, null,
                r -> r.status() == 200 && soldUnits(r.body(), before) == 3 && soldUnits(r.body(), during) == 3);
        assertThat(caughtUp.body().size()).isEqualTo(2);
        api.eventually("/home", null, r -> r.status() == 200
                && BrowsingIntegrationTest.ids(r.body().path("recommendations"), "productId").contains(during));
        Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                .until(() -> api.get("/admin/projections", admin).body(), statuses -> {
                    for (JsonNode status : statuses) {
                        if (status.path("deadLetters").asLong() != 0) {
                            return false;
                        }
                    }
                    return true;
                });
    }

    /**
     * The drill: Redis dies under traffic (purchases, home, product pages) and comes back empty. Every answer is a
     * 2xx or a 503 with Retry-After, none takes longer than Redis' own timeouts allow, and once it is back everything
     * it held is rebuilt: rankings, home, the flash-sale gate (in step with the sale).
     */
    @Test
    void trafficThroughARedisThatDiesAndComesBackEmpty() throws Exception {
        ShopFixture shop = new ShopFixture(api);
        String merchant = shop.merchant("Drill shop");
        String category = shop.category("Drill");
        String product = shop.product(merchant, category, "Drill product", 1_200, 50);
        shop.paidOrder(api.newCustomer(), Map.of(product, 2));
        Instant start = Instant.now().minusSeconds(5);
        String sale = api.post("/flash-sales", shop.admin(), Map.of("productId", shop.product(merchant, category,
                "Drill sale product", 9_000, 0), "price", 900, "quantity", 500, "perUserLimit", 1,
                "startsAt", start.toString(), "endsAt", start.plus(Duration.ofHours(1)).toString())).text("flashSaleId");
        api.eventually("/rankings?categoryId=" + category, null, r -> soldUnits(r.body(), product) == 2);
        api.eventually("/flash-sales/" + sale, null, r -> r.status() == 200);

        AtomicBoolean running = new AtomicBoolean(true);
        ConcurrentLinkedQueue<String> wrong = new ConcurrentLinkedQueue<>();
        AtomicInteger purchases = new AtomicInteger();
        ConcurrentLinkedQueue<Integer> answers = new ConcurrentLinkedQueue<>();
        ExecutorService traffic = Executors.newFixedThreadPool(3);
        List<Runnable> clients = List.of(
                () -> answer("GET /home", () -> api.get("/home", null), wrong, answers),
                () -> answer("GET /products", () -> api.get("/products/" + product, null), wrong, answers),
                () -> {
                    String userId = UUID.randomUUID().toString();
                    String token = tokens.issue(userId, "drill-" + userId, Set.of(Role.CUSTOMER)).accessToken();
                    TestApi.Response bought = answer("POST /purchases", () -> api.post("/flash-sales/" + sale
                            + "/purchases", token, Map.of("quantity", 1)), wrong, answers);
                    if (bought.status() == 202) {
                        purchases.incrementAndGet();
                    }
                });
        for (Runnable client : clients) {
            traffic.submit(() -> {
                while (running.get()) {
                    client.run();
                }
            });
        }
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> answers.size() > 30);
        stopOwnRedis(false);
        int atStop = answers.size();
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> answers.size() > atStop + 30);
        startOwnRedis();
        int atStart = answers.size();
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> answers.size() > atStart + 30);
        running.set(false);
        traffic.shutdown();
        assertThat(traffic.awaitTermination(20, TimeUnit.SECONDS)).isTrue();
        assertThat(wrong).isEmpty();
        assertThat(answers).as("the outage was seen").contains(503).contains(200, 202);

        // Redis came back empty: the recovery rebuilds what it held.
        String admin = shop.admin();
        api.eventually("/rankings?categoryId=" + category, null, r -> r.status() == 200 && soldUnits(r.body(), product) == 2);
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> api.get("/home", null).status() == 200);
        // Every 202 is a unit sold, and the rebuilt gate holds what is left (given-back admissions included).
        String remaining = Integer.toString(500 - purchases.get());
        api.eventually("/flash-sales/" + sale, null, r -> remaining.equals(r.body().path("remaining").asText()));
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() ->
                remaining.equals(redis.opsForHash().get("mall:gate:{" + sale + "}:sale", "remaining")));
        assertThat(api.get("/admin/projections", admin).status()).isEqualTo(200);
    }

    /** One call; an answer other than 2xx or 503 with Retry-After, or one slower than the bound, is recorded. */
    private static TestApi.Response answer(String what, java.util.function.Supplier<TestApi.Response> call,
                                           ConcurrentLinkedQueue<String> wrong, ConcurrentLinkedQueue<Integer> answers) {
        long started = System.nanoTime();
        TestApi.Response response = call.get();
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        boolean retryLater = response.status() == 503 && response.headers().getFirst("Retry-After") != null;
        if (!(response.status() / 100 == 2 || retryLater) || took.compareTo(ANSWER_BOUND) > 0) {
            wrong.add(what + " " + response.status() + " after " + took.toMillis() + " ms: " + response.body());
        }
        answers.add(response.status());
        return response;
    }

    private static long soldUnits(JsonNode rankings, String productId) {
        for (JsonNode entry : rankings) {
            if (productId.equals(entry.path("productId").asText())) {
                return entry.path("soldUnits").asLong();
            }
        }
        return 0;
    }

    private static Path dataDirectory() throws IOException {
        return Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir"), "mall-redis-" + PORT));
    }

    private static void startOwnRedis() throws IOException, InterruptedException {
        Path dir = dataDirectory();
        run("redis-server", "--daemonize", "yes", "--bind", "127.0.0.1", "--port", Integer.toString(PORT),
                "--save", "", "--appendonly", "no", "--dir", dir.toString(),
                "--logfile", dir.resolve("redis.log").toString());
        Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .until(() -> run("redis-cli", "-h", "127.0.0.1", "-p", Integer.toString(PORT), "ping") == 0);
    }

    /**
     * Like a production Redis with persistence, the server keeps its data over the restart (a snapshot taken at
     * shutdown): what the test shows is that the events of the outage are not lost, not that Redis keeps data.
     */
    private static void stopOwnRedis(boolean keepData) throws IOException, InterruptedException {
        run("redis-cli", "-h", "127.0.0.1", "-p", Integer.toString(PORT), "shutdown", keepData ? "save" : "nosave");
        Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .until(() -> run("redis-cli", "-h", "127.0.0.1", "-p", Integer.toString(PORT), "ping") != 0);
    }

    private static int run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(List.of(command)).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return -1;
        }
        return process.exitValue();
    }
}
