package io.eventmall.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventmall.testservers.TestServers;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;
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
 * Fault drill: Elasticsearch stops. Search answers 503 with Retry-After (at once, never a timeout's wait), writes go
 * on, and once Elasticsearch is back the index catches up with every product written meanwhile.
 *
 * <p>It stops a server, so it runs its own: the Elasticsearch that scripts/servers.sh installed, started from a
 * configuration and data directory of its own on free ports (as the elasticsearch user when the build runs as root),
 * and its own redis-server.
 */
@SpringBootTest(classes = MallApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"dev", "test"})
@Import({CleanDatabase.class, CleanRedis.class, TestApi.Config.class})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class ElasticsearchOutageDrillIntegrationTest {

    static final Path ES_HOME = Path.of(System.getenv().getOrDefault("MALL_ES_HOME",
            System.getProperty("user.home") + "/.cache/eventmall/elasticsearch-8.19.7"));
    static final String ES_USER = System.getenv().getOrDefault("MALL_ES_USER", "elasticsearch");
    static final int ES_PORT = PrivateServers.freePort();
    static final int REDIS_PORT = PrivateServers.freePort();
    static final String SCHEMA = "es_drill";
    /** A refused search while Elasticsearch is down: its connect timeout (2 s) and a margin, far below the socket timeout. */
    static final Duration REFUSAL_BOUND = Duration.ofSeconds(3);
    static Path node;

    @Autowired
    TestApi api;

    @DynamicPropertySource
    static void ownServers(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> TestServers.inSchema(TestServers.testDatabaseUrl(), SCHEMA));
        registry.add("spring.flyway.schemas", () -> SCHEMA);
        // A private redis-server on 127.0.0.1, wherever the other servers are.
        registry.add("spring.data.redis.host", () -> "127.0.0.1");
        registry.add("spring.data.redis.port", () -> REDIS_PORT);
        registry.add("spring.data.redis.database", () -> 0);
        registry.add("mall.elasticsearch.uris", () -> "http://127.0.0.1:" + ES_PORT);
        registry.add("mall.elasticsearch.index-prefix", () -> "mall-es-drill");
    }

    @BeforeAll
    static void startOwnServers() throws Exception {
        node = Files.createTempDirectory("mall-es-drill-");
        Path config = node.resolve("config");
        PrivateServers.exec(List.of("cp", "-r", ES_HOME.resolve("config").toString(), config.toString()));
        Files.writeString(config.resolve("elasticsearch.yml"), String.join("\n",
                "cluster.name: eventmall-es-drill", "node.name: es-drill",
                "path.data: " + node.resolve("data"), "path.logs: " + node.resolve("logs"),
                "network.host: 127.0.0.1", "http.port: " + ES_PORT, "transport.port: " + PrivateServers.freePort(),
                "discovery.type: single-node", "xpack.security.enabled: false",
                "cluster.routing.allocation.disk.threshold_enabled: false", "action.destructive_requires_name: false", ""));
        Files.writeString(config.resolve("jvm.options.d").resolve("eventmall.options"), "-Xms256m\n-Xmx256m\n");
        Files.createDirectories(node.resolve("tmp"));
        if (PrivateServers.runsAsRoot()) {
            PrivateServers.exec(List.of("chown", "-R", ES_USER + ":", node.toString()));
        }
        startElasticsearch();
        PrivateServers.startRedis(REDIS_PORT, node);
    }

    @AfterAll
    static void stopOwnServers() throws Exception {
        stopElasticsearch();
        PrivateServers.stopRedis(REDIS_PORT);
        PrivateServers.exec(List.of("rm", "-rf", node.toString()));
    }

    @Test
    void searchAnswers503WhileElasticsearchIsDownAndTheIndexCatchesUpAfter() throws Exception {
        ShopFixture shop = new ShopFixture(api);
        String merchant = shop.merchant("Search drill shop");
        String category = shop.category("Search drill");
        String word = "drill" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        List<String> products = new ArrayList<>();
        products.add(shop.product(merchant, category, word + " before", 1_000, 0));
        api.eventually("/search?q=" + word, null, r -> r.status() == 200 && ids(r).containsAll(products));

        stopElasticsearch();
        for (int attempt = 0; attempt < 8; attempt++) {
            long started = System.nanoTime();
            TestApi.Response search = api.get("/search?q=" + word, null);
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            assertThat(search.status()).as(search.body().toString()).isEqualTo(503);
            assertThat(search.headers().getFirst("Retry-After")).isNotBlank();
            assertThat(took).isLessThan(REFUSAL_BOUND);
            if (attempt % 2 == 0) {
                products.add(shop.product(merchant, category, word + " during " + attempt, 1_000 + attempt, 0));
            }
        }
        assertThat(api.get("/products/" + products.get(products.size() - 1), null).status()).isEqualTo(200);

        startElasticsearch();
        TestApi.Response caughtUp = Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                .until(() -> api.get("/search?q=" + word + "&size=50", null),
                        r -> r.status() == 200 && ids(r).size() == products.size());
        assertThat(ids(caughtUp)).containsExactlyInAnyOrderElementsOf(products);
    }

    private static List<String> ids(TestApi.Response response) {
        return response.body().path("items").findValuesAsText("productId");
    }

    private static void startElasticsearch() throws Exception {
        String javaHome = System.getProperty("java.home");
        PrivateServers.exec(PrivateServers.as(ES_USER, "env", "ES_JAVA_HOME=" + javaHome,
                "ES_PATH_CONF=" + node.resolve("config"), "ES_TMPDIR=" + node.resolve("tmp"),
                ES_HOME.resolve("bin/elasticsearch").toString(), "-d", "-p", node.resolve("es.pid").toString()));
        HttpClient http = HttpClient.newHttpClient();
        Awaitility.await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                .until(() -> http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ES_PORT
                        + "/_cluster/health?wait_for_status=yellow&timeout=1s")).build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode() == 200);
    }

    private static void stopElasticsearch() throws Exception {
        Path pidFile = node.resolve("es.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        long pid = Long.parseLong(Files.readString(pidFile).trim());
        ProcessHandle.of(pid).ifPresent(process -> {
            process.destroy();
            process.onExit().orTimeout(60, java.util.concurrent.TimeUnit.SECONDS).join();
        });
        Files.deleteIfExists(pidFile);
    }
}
