package io.eventmall.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Fault drill: PostgreSQL restarts under the service. While it is down, commands and reads that need it answer 503
 * with Retry-After within a bounded time (never a 500, never a hang); once it is back they succeed again, the
 * orders accepted before the outage finish their process, and an order refused during it left nothing behind: no
 * event, no reserved stock.
 *
 * <p>The drill stops a server, so it runs its own: a PostgreSQL cluster made with initdb in a temporary directory
 * on a free port (as the {@code postgres} user when the build runs as root), and its own redis-server.
 */
@SpringBootTest(classes = MallApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"dev", "test"})
@Import({CleanDatabase.class, CleanRedis.class, TestApi.Config.class})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class PostgresRestartDrillIntegrationTest {

    static final Path PG_BIN = Path.of(System.getProperty("mall.test.postgres-bin", "/usr/lib/postgresql/15/bin"));
    static final int PG_PORT = PrivateServers.freePort();
    static final int REDIS_PORT = PrivateServers.freePort();
    /** Time a request may take to be refused while PostgreSQL is down: Hikari's connection timeout and a margin. */
    static final Duration REFUSAL_BOUND = Duration.ofSeconds(8);
    static Path cluster;

    @Autowired
    TestApi api;
    @Autowired
    JdbcTemplate jdbc;

    @DynamicPropertySource
    static void ownServers(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> "jdbc:postgresql://127.0.0.1:" + PG_PORT + "/mall");
        registry.add("spring.datasource.hikari.connection-timeout", () -> "3000");
        registry.add("spring.data.redis.host", () -> "127.0.0.1");
        registry.add("spring.data.redis.port", () -> REDIS_PORT);
        registry.add("spring.data.redis.database", () -> 0);
        String prefix = System.getenv().getOrDefault("MALL_ELASTICSEARCH_INDEX_PREFIX", "mall-test");
        registry.add("mall.elasticsearch.index-prefix", () -> prefix + "-pg-drill");
    }

    @BeforeAll
    static void startOwnServers() throws Exception {
        cluster = Files.createTempDirectory("mall-pg-drill-");
        if (PrivateServers.runsAsRoot()) {
            PrivateServers.exec(List.of("chown", "postgres:", cluster.toString()));
        }
        PrivateServers.exec(PrivateServers.as("postgres", PG_BIN.resolve("initdb").toString(), "-D", cluster.resolve("data").toString(),
                "-A", "trust", "-U", "postgres", "-E", "UTF8", "--locale=C"));
        startPostgres();
        PrivateServers.exec(PrivateServers.as("postgres", PG_BIN.resolve("createdb").toString(), "-h", "127.0.0.1", "-p", Integer.toString(PG_PORT),
                "-U", "postgres", "mall"));
        PrivateServers.startRedis(REDIS_PORT, cluster);
    }

    @AfterAll
    static void stopOwnServers() throws Exception {
        PrivateServers.stopRedis(REDIS_PORT);
        if (Files.exists(cluster.resolve("data").resolve("postmaster.pid"))) {  // not when a failure left it stopped
            PrivateServers.exec(PrivateServers.as("postgres", PG_BIN.resolve("pg_ctl").toString(), "-D",
                    cluster.resolve("data").toString(), "-m", "immediate", "stop"));
        }
        PrivateServers.exec(List.of("rm", "-rf", cluster.toString()));
    }

    @Test
    void commandsAnswer503WhilePostgresIsDownAndSucceedAfterWithNoHalfAppliedOrder() throws Exception {
        String admin = api.adminToken();
        String product = api.newProduct(admin, 1_500, 10);
        TestApi.User customer = api.newCustomer();
        String address = api.newAddress(customer.token());
        String before = api.awaitingPaymentOrder(customer, product, 2);

        stopPostgres();
        List<Integer> refusals = new ArrayList<>();
        for (int attempt = 0; attempt < 3; attempt++) {
            long started = System.nanoTime();
            TestApi.Response placed = placeOrder(customer, address, product, 3);
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            assertThat(placed.status()).as(placed.body() + " after " + took).isEqualTo(503);
            assertThat(placed.headers().getFirst("Retry-After")).isNotBlank();
            assertThat(took).isLessThan(REFUSAL_BOUND);
            refusals.add(placed.status());
            TestApi.Response read = api.get("/orders/" + before, customer.token());
            assertThat(read.status()).isEqualTo(503);
        }
        assertThat(refusals).containsOnly(503);

        startPostgres();
        TestApi.Response after = Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .until(() -> placeOrder(customer, address, product, 1), r -> r.status() != 503);
        assertThat(after.status()).as(after.body().toString()).isEqualTo(202);
        String afterId = after.text("orderId");
        api.eventually("/orders/" + afterId, customer.token(), r -> "AWAITING_PAYMENT".equals(r.text("status")));
        assertThat(api.get("/orders/" + before, customer.token()).text("status")).isEqualTo("AWAITING_PAYMENT");

        // Nothing of the refused orders: two orders in the store and the read model, 3 units reserved of 10.
        assertThat(jdbc.queryForObject("select count(distinct aggregate_identifier) from domain_event_entry"
                + " where type = 'Order'", Long.class)).isEqualTo(2);
        TestApi.Response mine = api.get("/orders", customer.token());
        assertThat(mine.body().path("items").findValuesAsText("orderId")).containsExactlyInAnyOrder(before, afterId);
        api.eventually("/products/" + product, null, r -> r.body().path("available").asInt() == 7);
    }

    private TestApi.Response placeOrder(TestApi.User customer, String address, String product, int quantity) {
        return api.post("/orders", customer.token(), Map.of("addressId", address,
                "items", List.of(Map.of("productId", product, "quantity", quantity))));
    }

    private static void startPostgres() throws Exception {
        PrivateServers.exec(PrivateServers.as("postgres", PG_BIN.resolve("pg_ctl").toString(), "-D", cluster.resolve("data").toString(), "-w",
                "-l", cluster.resolve("postgres.log").toString(), "-o",
                "-p " + PG_PORT + " -k " + cluster + " -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=60",
                "start"));
    }

    /** A fast shutdown: what a restart or a failover does to the connections in use. */
    private static void stopPostgres() throws Exception {
        PrivateServers.exec(PrivateServers.as("postgres", PG_BIN.resolve("pg_ctl").toString(), "-D", cluster.resolve("data").toString(), "-w",
                "-m", "fast", "stop"));
    }
}
