package io.eventmall.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

/**
 * The Grafana dashboard in deploy/grafana only plots what the service exposes: after the paths it watches have run
 * (an order placed and paid through the provider's callback, flash-sale purchases admitted and refused), every metric
 * name in its queries is in a live /actuator/prometheus scrape, and Axon's processor and bus meters are dimensional
 * (one meter name, the processor and the message type as labels).
 */
@IntegrationTest
class DashboardMetricsIntegrationTest {

    static final Path DASHBOARD = Path.of("..", "deploy", "grafana", "eventmall.json");
    /** PromQL words that are not metric names. */
    static final Set<String> PROMQL_WORDS = Set.of("sum", "rate", "irate", "increase", "max", "min", "avg", "count",
            "by", "without", "histogram_quantile", "le", "on", "ignoring", "group_left", "group_right", "and", "or",
            "unless", "offset", "bool", "topk", "bottomk", "clamp_min", "clamp_max", "abs", "deriv", "delta",
            "max_over_time", "avg_over_time", "label_replace", "vector", "scalar", "time");

    @Autowired
    TestApi api;
    @Value("${local.server.port}")
    int port;

    @Test
    void everyMetricTheDashboardQueriesIsExposed() throws Exception {
        exerciseTheWatchedPaths();
        Set<String> exposed = Awaitility.await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(500))
                .until(this::exposedMetricNames, names -> names.contains("mall_orders_total")
                        && names.contains("mall_flash_sale_gate_total"));

        Set<String> queried = metricNamesQueriedBy(new ObjectMapper().readTree(DASHBOARD.toFile()));
        assertThat(queried).as("the dashboard's queries").hasSizeGreaterThan(10);
        assertThat(exposed).containsAll(queried);
        assertThat(queried).contains("mall_flash_sale_gate_total", "mall_orders_total", "mall_payment_callbacks_total",
                "mall_order_payment_deadlines_total", "eventProcessor_latency", "http_server_requests_seconds_bucket",
                "hikaricp_connections_pending", "resilience4j_circuitbreaker_state");
    }

    @Test
    void axonMetersAreDimensional() throws Exception {
        exerciseTheWatchedPaths();
        String scrape = scrape();
        // One meter per kind, told apart by tags: the processor's name is a label, not part of the meter name.
        assertThat(scrape).containsPattern("\neventProcessor_latency\\{[^}]*processorName=\"orders\"");
        assertThat(scrape).containsPattern("\neventProcessor_capacity\\{[^}]*processorName=\"orders\"");
        assertThat(scrape).containsPattern("\neventProcessor_successCounter_total\\{[^}]*processorName=\"orders\"} [1-9]");
        assertThat(scrape).containsPattern("\neventProcessor_failureCounter_total\\{[^}]*processorName=\"orders\"}");
        // Per processor only: no meter per payload type, none for ignored events (EventProcessorMeters).
        assertThat(scrape).doesNotContainPattern("\neventProcessor_[A-Za-z]+\\{[^}]*payloadType=");
        assertThat(scrape).doesNotContain("eventProcessor_ignoredCounter", "eventProcessor_allTimer");
        assertThat(scrape).containsPattern("\ncommandBus_allTimer_seconds_count\\{[^}]*payloadType=\"PlaceOrder\"");
        assertThat(scrape).containsPattern("mall_orders_total\\{[^}]*status=\"PAID\"");
        assertThat(scrape).containsPattern("mall_payment_callbacks_total\\{[^}]*result=\"SUCCESS\"} [1-9]");
    }

    /** Metric names in every panel target's expr: identifiers outside label matchers, ranges and function calls. */
    static Set<String> metricNamesQueriedBy(JsonNode dashboard) {
        List<String> expressions = new ArrayList<>();
        dashboard.findValues("expr").forEach(expr -> expressions.add(expr.asText()));
        Set<String> names = new TreeSet<>();
        for (String expr : expressions) {
            String bare = expr.replaceAll("\\{[^}]*}", " ").replaceAll("\\[[^]]*]", " ")
                    .replaceAll("\\b(by|without)\\s*\\([^)]*\\)", " ").replaceAll("\"[^\"]*\"", " ");
            Matcher identifier = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*+(?!\\s*\\()").matcher(bare);
            while (identifier.find()) {
                String word = identifier.group();
                if (!PROMQL_WORDS.contains(word)) {
                    names.add(word);
                }
            }
        }
        return names;
    }

    private void exerciseTheWatchedPaths() {
        String admin = api.adminToken();
        TestApi.User customer = api.newCustomer();
        String productId = api.newProduct(admin, 2_000, 5);
        String orderId = api.awaitingPaymentOrder(customer, productId, 1);
        api.payThroughSandbox(customer, orderId);
        api.eventually("/orders/" + orderId, customer.token(), r -> "PAID".equals(r.text("status")));

        String saleProduct = api.newProduct(admin, 5_000, 0);
        Instant now = Instant.now();
        TestApi.Response sale = api.post("/flash-sales", admin, Map.of("productId", saleProduct, "price", 500,
                "quantity", 5, "perUserLimit", 1, "startsAt", now.minusSeconds(1).toString(),
                "endsAt", now.plusSeconds(3600).toString()));
        assertThat(sale.status()).as(sale.body().toString()).isEqualTo(201);
        String saleId = sale.text("flashSaleId");
        TestApi.User buyer = api.newCustomer();
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> api.post("/flash-sales/" + saleId + "/purchases",
                buyer.token(), Map.of("quantity", 1)).status() == 202);
        int refused = api.post("/flash-sales/" + saleId + "/purchases", buyer.token(), Map.of("quantity", 1)).status();
        assertThat(refused).isBetween(400, 499);
    }

    private Set<String> exposedMetricNames() throws Exception {
        Set<String> names = new TreeSet<>();
        for (String line : scrape().split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                names.add(line.split("[{ ]", 2)[0]);
            }
        }
        return names;
    }

    private String scrape() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/prometheus"))
                .header("Authorization", "Bearer " + api.adminToken()).GET().build();
        HttpResponse<String> scraped = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(scraped.statusCode()).isEqualTo(200);
        Files.writeString(Path.of("target", "prometheus-scrape.txt"), scraped.body());
        return scraped.body();
    }
}
