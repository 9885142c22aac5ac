package io.eventmall.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Redis stops while the projections are working and starts again: reads that need it answer 503 with
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

    @DynamicPropertySource
    static void ownRedisAndSchema(DynamicPropertyRegistry registry) {
        String url = System.getenv().getOrDefault("SPRING_DATASOURCE_URL", "jdbc:postgresql://127.0.0.1:5432/mall_test");
        registry.add("spring.datasource.url", () -> url + (url.contains("?") ? "&" : "?") + "currentSchema=" + SCHEMA);
        registry.add("spring.flyway.schemas", () -> SCHEMA);
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
