package io.eventmall.benchmarks;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * A flash-sale spike: N buyers, each with their own account, hammer POST /flash-sales/{id}/purchases in a
 * closed loop for a fixed time against a sale of fewer units than buyers (limit 1 each). It prints purchase
 * answers per second and latency beside the trivial endpoint of the same application in the same run, the
 * answers by status, and checks the outcome: exactly as many admitted purchases as units, none left.
 * Options ({@code --name=value}): base-url (http://localhost:8080, loopback only), clients (64),
 * quantity (50), warmup (PT5S, trivial endpoint only: the sale must be measured from its first purchase),
 * duration (PT15S), timeout (PT10S), admin-username (admin), admin-password (admin-dev-password), per-user-limit (1),
 * jdbc-url (none: with it, the harness then waits, up to drain PT90S, until every admitted purchase is an order
 * awaiting payment, and prints how long that took), jdbc-user, jdbc-password.
 * The per-user rate limit answers most of a closed loop with 429; start the application with
 * {@code --mall.flash-sale.user-rate-limit=1000000} to measure the Redis gate and the aggregate instead.
 */
public final class FlashSaleBenchmark {


    private final BenchApi api;

    private FlashSaleBenchmark(HttpClient http, URI base) {
        this.api = new BenchApi(http, base);
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = ReadBenchmark.options(args);
        URI base = URI.create(options.getOrDefault("base-url", "http://localhost:8080"));
        ReadBenchmark.requireLoopback(base);
        int clients = Integer.parseInt(options.getOrDefault("clients", "64"));
        int quantity = Integer.parseInt(options.getOrDefault("quantity", "50"));
        int perUserLimit = Integer.parseInt(options.getOrDefault("per-user-limit", "1"));
        Duration warmup = Duration.parse(options.getOrDefault("warmup", "PT5S"));
        Duration duration = Duration.parse(options.getOrDefault("duration", "PT15S"));
        Duration timeout = Duration.parse(options.getOrDefault("timeout", "PT10S"));
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2)).build();
        FlashSaleBenchmark bench = new FlashSaleBenchmark(http, base);

        String admin = bench.api.login(options.getOrDefault("admin-username", "admin"),
                options.getOrDefault("admin-password", "admin-dev-password"));
        String sale = bench.scheduledSale(admin, quantity, perUserLimit);
        System.out.printf(Locale.ROOT, "eventmall flash-sale benchmark: %s, %d buyers, %d units, %ds measured, %d cores here%n",
                base, clients, quantity, duration.toSeconds(), Runtime.getRuntime().availableProcessors());
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            tokens.add(bench.api.newUser("bench"));
        }

        ClosedLoopLoad load = new ClosedLoopLoad(http, clients, timeout);
        URI liveness = base.resolve("/actuator/health/liveness");
        load.run("trivial (liveness)", liveness, warmup);
        EndpointResult trivial = load.run("trivial (liveness)", liveness, duration);
        URI purchases = base.resolve("/api/v1/flash-sales/" + sale + "/purchases");
        Instant spikeStarted = Instant.now();
        EndpointResult spike = load.run("purchase (spike)", "/api/v1/flash-sales/{id}/purchases", client ->
                HttpRequest.newBuilder(purchases).timeout(timeout)
                        .header("Authorization", "Bearer " + tokens.get(client))
                        .header("Content-Type", "application/json")
                        .header("Idempotency-Key", UUID.randomUUID().toString())
                        .POST(HttpRequest.BodyPublishers.ofString("{\"quantity\":1}")).build(),
                duration);

        ReadBenchmark.print(List.of(trivial, spike));
        double answered = spike.succeeded() + spike.errorCount();
        System.out.printf(Locale.ROOT, "%npurchase answers of any status: %.0f per second (%.2f of the trivial endpoint's)%n",
                answered / (spike.elapsed().toNanos() / 1e9), answered / (spike.elapsed().toNanos() / 1e9) / trivial.perSecond());
        Thread.sleep(2_000);
        String remaining = BenchApi.field(bench.api.get("/api/v1/flash-sales/" + sale, null), "remaining");
        System.out.printf(Locale.ROOT, "admitted %d purchases for %d units; the sale shows %s remaining; %s%n",
                spike.succeeded(), quantity, remaining,
                spike.succeeded() == quantity && "0".equals(remaining) ? "no oversell, nothing left unsold"
                        : "CHECK: admitted and units differ");
        if (options.containsKey("jdbc-url")) {
            awaitOrders(options, sale, spike.succeeded(), spikeStarted);
        }
    }

    /**
     * With {@code --jdbc-url} (the application's database, loopback only): how long until every admitted
     * purchase is an order awaiting payment in the order read model, counted from the first purchase.
     */
    private static void awaitOrders(Map<String, String> options, String sale, long admitted, Instant spikeStarted)
            throws Exception {
        String jdbcUrl = options.get("jdbc-url");
        if (!jdbcUrl.startsWith("jdbc:postgresql://127.0.0.1") && !jdbcUrl.startsWith("jdbc:postgresql://localhost")) {
            throw new IllegalArgumentException("the benchmark only reads a local database, not " + jdbcUrl);
        }
        Duration drain = Duration.parse(options.getOrDefault("drain", "PT90S"));
        try (Connection db = DriverManager.getConnection(jdbcUrl, options.getOrDefault("jdbc-user", "postgres"),
                options.getOrDefault("jdbc-password", "postgres"));
             PreparedStatement awaiting = db.prepareStatement(
                     "SELECT count(*) FROM order_view WHERE flash_sale_id = ? AND status = 'AWAITING_PAYMENT'")) {
            awaiting.setString(1, sale);
            long deadline = System.nanoTime() + drain.toNanos();
            long count = 0;
            while (System.nanoTime() < deadline) {
                try (ResultSet rs = awaiting.executeQuery()) {
                    rs.next();
                    count = rs.getLong(1);
                }
                System.out.printf(Locale.ROOT, "  t=%.0fs: %d of %d admitted purchases await payment as orders%n",
                        Duration.between(spikeStarted, Instant.now()).toMillis() / 1000.0, count, admitted);
                if (count >= admitted) {
                    break;
                }
                Thread.sleep(2_000);
            }
            System.out.printf(Locale.ROOT, "orders awaiting payment: %d of %d, %.1f s after the first purchase%n", count,
                    admitted, Duration.between(spikeStarted, Instant.now()).toMillis() / 1000.0);
        }
    }

    private String scheduledSale(String admin, int quantity, int perUserLimit) throws IOException, InterruptedException {
        String merchant = BenchApi.field(api.post("/api/v1/merchants", admin, "{\"name\":\"Bench shop\"}"), "merchantId");
        String category = BenchApi.field(api.post("/api/v1/categories", admin, "{\"name\":\"Bench\"}"), "categoryId");
        String product = BenchApi.field(api.post("/api/v1/products", admin, "{\"merchantId\":\"" + merchant + "\",\"categoryId\":\""
                + category + "\",\"name\":\"Bench drone\",\"images\":[],\"price\":99000}"), "productId");
        Instant now = Instant.now();
        return BenchApi.field(api.post("/api/v1/flash-sales", admin, "{\"productId\":\"" + product + "\",\"price\":9900,\"quantity\":"
                + quantity + ",\"perUserLimit\":" + perUserLimit + ",\"startsAt\":\"" + now.minusSeconds(5) + "\",\"endsAt\":\""
                + now.plusSeconds(3600) + "\"}"), "flashSaleId");
    }
}
