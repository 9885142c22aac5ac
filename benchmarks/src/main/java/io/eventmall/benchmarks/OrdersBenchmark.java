package io.eventmall.benchmarks;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The order pipeline under load: N customers with their own addresses place orders of M amply stocked products
 * over C connections (a closed loop, each request with a new Idempotency-Key) for a fixed time. Beside the
 * answers (accepted per second, p50/p99, by status) it samples every second, from the application's database
 * and GET /admin/projections, how many of those orders were placed and how many reached AWAITING_PAYMENT in the
 * order read model, and how far behind each event processor is; after the load it keeps sampling until every
 * processor has caught up. The trivial endpoint and pgbench single-row inserts (16 clients) run in the same run,
 * for the ratios.
 * Options ({@code --name=value}): base-url (http://localhost:8080, loopback only), customers (300), products (20),
 * connections (64), warmup (PT5S, trivial endpoint only), duration (PT20S), drain (PT60S), timeout (PT10S),
 * jdbc-url (jdbc:postgresql://127.0.0.1:5432/mall), jdbc-user (postgres), jdbc-password (postgres),
 * pgbench-database (postgres), pgbench-clients (16), pgbench-seconds (10), admin-username, admin-password.
 */
public final class OrdersBenchmark {


    private final BenchApi api;

    private OrdersBenchmark(HttpClient http, URI base) {
        this.api = new BenchApi(http, base);
    }

    record Customer(String token, String addressId) {
    }

    record Sample(double second, long placed, long awaiting, long maxLag, String lagging) {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = ReadBenchmark.options(args);
        URI base = URI.create(options.getOrDefault("base-url", "http://localhost:8080"));
        ReadBenchmark.requireLoopback(base);
        int customers = Integer.parseInt(options.getOrDefault("customers", "300"));
        int products = Integer.parseInt(options.getOrDefault("products", "20"));
        int connections = Integer.parseInt(options.getOrDefault("connections", "64"));
        Duration warmup = Duration.parse(options.getOrDefault("warmup", "PT5S"));
        Duration duration = Duration.parse(options.getOrDefault("duration", "PT20S"));
        Duration drain = Duration.parse(options.getOrDefault("drain", "PT60S"));
        Duration timeout = Duration.parse(options.getOrDefault("timeout", "PT10S"));
        String jdbcUrl = options.getOrDefault("jdbc-url", "jdbc:postgresql://127.0.0.1:5432/mall");
        if (!jdbcUrl.startsWith("jdbc:postgresql://127.0.0.1") && !jdbcUrl.startsWith("jdbc:postgresql://localhost")) {
            throw new IllegalArgumentException("the benchmark only reads a local database, not " + jdbcUrl);
        }
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2)).build();
        OrdersBenchmark bench = new OrdersBenchmark(http, base);

        System.out.printf(Locale.ROOT, "eventmall orders benchmark: %s, %d customers, %d products, %d connections, "
                        + "%ds of orders, %d cores here%n", base, customers, products, connections, duration.toSeconds(),
                Runtime.getRuntime().availableProcessors());
        String admin = bench.adminToken(options.getOrDefault("admin-username", "admin"),
                options.getOrDefault("admin-password", "admin-dev-password"));
        List<String> productIds = bench.stockedProducts(admin, products);
        List<Customer> buyers = bench.customers(customers);
        System.out.printf("  set up %d products and %d customers with addresses%n", productIds.size(), buyers.size());

        ClosedLoopLoad load = new ClosedLoopLoad(http, connections, timeout);
        URI liveness = base.resolve("/actuator/health/liveness");
        load.run("trivial (liveness)", liveness, warmup);
        EndpointResult trivial = load.run("trivial (liveness)", liveness, duration);
        System.out.printf(Locale.ROOT, "  trivial endpoint: %.0f req/s%n", trivial.perSecond());

        EndpointResult placing;
        try (Connection db = DriverManager.getConnection(jdbcUrl, options.getOrDefault("jdbc-user", "postgres"),
                options.getOrDefault("jdbc-password", "postgres"))) {
            long startIndex = scalar(db, "SELECT coalesce(max(global_index), 0) FROM domain_event_entry");
            Instant started = Instant.now();
            Sampler sampler = new Sampler(bench, db, admin, startIndex, started);
            Thread sampling = new Thread(sampler, "pipeline-sampler");
            sampling.setDaemon(true);
            sampling.start();
            URI orders = base.resolve("/api/v1/orders");
            placing = load.run("place order", "/api/v1/orders", client -> {
                Customer buyer = buyers.get(Math.floorMod(client + ThreadLocalRandom.current().nextInt(customers), customers));
                return HttpRequest.newBuilder(orders).timeout(timeout)
                        .header("Authorization", "Bearer " + buyer.token())
                        .header("Content-Type", "application/json")
                        .header("Idempotency-Key", UUID.randomUUID().toString())
                        .POST(HttpRequest.BodyPublishers.ofString(orderBody(buyer, productIds))).build();
            }, duration);
            double loadSeconds = seconds(started);
            System.out.printf(Locale.ROOT, "  orders: %.0f accepted/s; draining the pipeline (up to %ds)%n",
                    placing.perSecond(), drain.toSeconds());
            long deadline = System.nanoTime() + drain.toNanos();
            while (System.nanoTime() < deadline && !sampler.caughtUp(placing.succeeded())) {
                Thread.sleep(200);
            }
            sampler.stop();
            sampling.join(5_000);
            report(trivial, placing, sampler.samples(), loadSeconds);
        }
        pgbench(options, trivial, placing);
    }

    private static String orderBody(Customer buyer, List<String> productIds) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        int first = random.nextInt(productIds.size());
        StringBuilder items = new StringBuilder("{\"productId\":\"" + productIds.get(first) + "\",\"quantity\":1}");
        if (productIds.size() > 1 && random.nextBoolean()) {
            int second = (first + 1 + random.nextInt(productIds.size() - 1)) % productIds.size();
            items.append(",{\"productId\":\"").append(productIds.get(second)).append("\",\"quantity\":1}");
        }
        return "{\"addressId\":\"" + buyer.addressId() + "\",\"items\":[" + items + "]}";
    }

    /** Samples placed and awaiting-payment orders and the processors' lag once a second. */
    private static final class Sampler implements Runnable {

        private final OrdersBenchmark bench;
        private final Connection db;
        private final String admin;
        private final long startIndex;
        private final Instant started;
        private final List<Sample> samples = new ArrayList<>();
        private volatile boolean running = true;

        Sampler(OrdersBenchmark bench, Connection db, String admin, long startIndex, Instant started) {
            this.bench = bench;
            this.db = db;
            this.admin = admin;
            this.startIndex = startIndex;
            this.started = started;
        }

        @Override
        public void run() {
            while (running) {
                try {
                    sample();
                    Thread.sleep(1_000);
                } catch (InterruptedException stop) {
                    return;
                } catch (Exception failed) {
                    System.out.println("  sampler: " + failed);
                }
            }
        }

        synchronized Sample sample() throws SQLException, IOException, InterruptedException {
            long placed = count("SELECT count(*) FROM domain_event_entry WHERE global_index > ? "
                    + "AND payload_type = 'io.eventmall.api.order.OrderPlaced'", startIndex);
            long awaiting;
            try (PreparedStatement query = db.prepareStatement(
                    "SELECT count(*) FROM order_view WHERE status = 'AWAITING_PAYMENT' AND created_at >= ?")) {
                query.setTimestamp(1, Timestamp.from(started.minusSeconds(1)));
                try (ResultSet rs = query.executeQuery()) {
                    rs.next();
                    awaiting = rs.getLong(1);
                }
            }
            Map<String, Long> lags = bench.api.processorLags(admin);
            long maxLag = lags.values().stream().mapToLong(Long::longValue).map(lag -> lag < 0 ? Long.MAX_VALUE : lag)
                    .max().orElse(0);
            StringBuilder lagging = new StringBuilder();
            lags.entrySet().stream().filter(lag -> lag.getValue() != 0)
                    .sorted((a, b) -> Long.compare(b.getValue(), a.getValue())).limit(4)
                    .forEach(lag -> lagging.append(lagging.isEmpty() ? "" : ", ").append(lag.getKey()).append(' ')
                            .append(lag.getValue() < 0 ? "unclaimed" : lag.getValue()));
            Sample sample = new Sample(seconds(started), placed, awaiting, maxLag, lagging.toString());
            samples.add(sample);
            return sample;
        }

        /** Every accepted order awaits payment and no processor is behind. */
        boolean caughtUp(long accepted) throws Exception {
            Sample last = sample();
            return last.awaiting() >= accepted && last.maxLag() == 0;
        }

        private long count(String sql, long parameter) throws SQLException {
            try (PreparedStatement query = db.prepareStatement(sql)) {
                query.setLong(1, parameter);
                try (ResultSet rs = query.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        }

        void stop() {
            running = false;
        }

        synchronized List<Sample> samples() {
            return List.copyOf(samples);
        }
    }

    private static void report(EndpointResult trivial, EndpointResult placing, List<Sample> samples, double loadSeconds) {
        ReadBenchmark.print(List.of(trivial, placing));
        System.out.println();
        System.out.println("| t (s) | orders placed | AWAITING_PAYMENT | max processor lag | most behind |");
        System.out.println("|---:|---:|---:|---:|---|");
        Sample previous = null;
        for (Sample sample : samples) {
            if (previous == null || Math.floor(sample.second()) != Math.floor(previous.second())) {
                System.out.printf(Locale.ROOT, "| %.0f | %d | %d | %s | %s |%n", sample.second(), sample.placed(),
                        sample.awaiting(), sample.maxLag() == Long.MAX_VALUE ? "unclaimed" : sample.maxLag(),
                        sample.lagging());
            }
            previous = sample;
        }
        Sample last = samples.get(samples.size() - 1);
        Sample atLoadEnd = samples.stream().filter(s -> s.second() <= loadSeconds).reduce((a, b) -> b).orElse(last);
        double lastAwaitingAt = samples.stream().filter(s -> s.awaiting() >= last.awaiting()).findFirst()
                .map(Sample::second).orElse(last.second());
        double caughtUpAt = samples.stream().filter(s -> s.maxLag() == 0 && s.awaiting() >= placing.succeeded())
                .findFirst().map(Sample::second).orElse(Double.NaN);
        long fiveHundreds = placing.errors().entrySet().stream().filter(e -> e.getKey().startsWith("HTTP 5"))
                .mapToLong(Map.Entry::getValue).sum();
        double endToEnd = last.awaiting() / lastAwaitingAt;
        System.out.println();
        System.out.printf(Locale.ROOT, "answers to POST /orders: %d accepted (202), errors %s, 5xx %d%n",
                placing.succeeded(), placing.errors(), fiveHundreds);
        System.out.printf(Locale.ROOT, "orders accepted: %.0f/s = %.2f of the trivial endpoint's %.0f req/s (target >= 0.20)%n",
                placing.perSecond(), placing.perSecond() / trivial.perSecond(), trivial.perSecond());
        System.out.printf(Locale.ROOT, "AWAITING_PAYMENT by the end of the load: %d of %d placed (%.0f/s)%n",
                atLoadEnd.awaiting(), atLoadEnd.placed(), atLoadEnd.awaiting() / loadSeconds);
        System.out.printf(Locale.ROOT, "end to end placed -> AWAITING_PAYMENT: %d orders by t=%.1fs, %.0f/s = %.2f of intake "
                + "(target >= 0.67)%n", last.awaiting(), lastAwaitingAt, endToEnd, endToEnd / placing.perSecond());
        System.out.printf(Locale.ROOT, "every processor caught up %s after the load ended (target <= 15 s)%n",
                Double.isNaN(caughtUpAt) ? "NOT within the drain time" : String.format(Locale.ROOT, "%.1f s",
                        Math.max(0, caughtUpAt - loadSeconds)));
    }

    /** PostgreSQL alone on the same machine: single-row inserts by 16 clients, as the issue measured it. */
    private static void pgbench(Map<String, String> options, EndpointResult trivial, EndpointResult placing)
            throws Exception {
        String database = options.getOrDefault("pgbench-database", "postgres");
        String clients = options.getOrDefault("pgbench-clients", "16");
        String seconds = options.getOrDefault("pgbench-seconds", "10");
        String table = "eventmall_bench_single_row";
        String jdbc = "jdbc:postgresql://127.0.0.1:5432/" + database;
        try (Connection db = DriverManager.getConnection(jdbc, options.getOrDefault("jdbc-user", "postgres"),
                options.getOrDefault("jdbc-password", "postgres")); Statement sql = db.createStatement()) {
            sql.execute("CREATE TABLE IF NOT EXISTS " + table + " (id bigserial PRIMARY KEY, v integer NOT NULL)");
        }
        Path script = Files.createTempFile("eventmall-pgbench", ".sql");
        Files.writeString(script, "\\set v random(1, 1000000)\nINSERT INTO " + table + " (v) VALUES (:v);\n");
        Process run = new ProcessBuilder("pgbench", "-h", "127.0.0.1", "-U", "postgres", "-n", "-c", clients, "-j", "2",
                "-T", seconds, "-f", script.toString(), database).redirectErrorStream(true).start();
        String output = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        run.waitFor();
        Files.deleteIfExists(script);
        try (Connection db = DriverManager.getConnection(jdbc, options.getOrDefault("jdbc-user", "postgres"),
                options.getOrDefault("jdbc-password", "postgres")); Statement sql = db.createStatement()) {
            sql.execute("DROP TABLE IF EXISTS " + table);
        }
        Matcher tps = Pattern.compile("tps = ([0-9.]+)").matcher(output);
        if (!tps.find()) {
            System.out.println("pgbench gave no figure: " + output);
            return;
        }
        double inserts = Double.parseDouble(tps.group(1));
        System.out.printf(Locale.ROOT, "pgbench single-row inserts, %s clients, %s s: %.0f tps; orders accepted/s are %.3f "
                + "of it, the trivial endpoint %.2f%n", clients, seconds, inserts, placing.perSecond() / inserts,
                trivial.perSecond() / inserts);
    }

    /** A freshly started application creates its bootstrap admin a moment after it answers: retried for 30 s. */
    private String adminToken(String username, String password) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            try {
                return api.login(username, password);
            } catch (IllegalStateException notYet) {
                if (System.nanoTime() > deadline) {
                    throw notYet;
                }
                Thread.sleep(500);
            }
        }
    }

    private List<String> stockedProducts(String admin, int count) throws IOException, InterruptedException {
        String merchant = BenchApi.field(api.post("/api/v1/merchants", admin, "{\"name\":\"Orders bench shop\"}"), "merchantId");
        String category = BenchApi.field(api.post("/api/v1/categories", admin, "{\"name\":\"Orders bench\"}"), "categoryId");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String product = BenchApi.field(api.post("/api/v1/products", admin, "{\"merchantId\":\"" + merchant + "\",\"categoryId\":\""
                    + category + "\",\"name\":\"Bench item " + i + "\",\"images\":[],\"price\":" + (1_000 + i) + "}"),
                    "productId");
            api.post("/api/v1/products/" + product + "/stock", admin, "{\"quantity\":1000000}");
            ids.add(product);
        }
        return ids;
    }

    private List<Customer> customers(int count) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Customer>> made = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                made.add(pool.submit(this::newCustomer));
            }
            List<Customer> customers = new ArrayList<>();
            for (Future<Customer> customer : made) {
                customers.add(customer.get());
            }
            return customers;
        } finally {
            pool.shutdownNow();
        }
    }

    private Customer newCustomer() throws IOException, InterruptedException {
        String token = api.newUser("ob");
        String address = BenchApi.field(api.post("/api/v1/addresses", token, "{\"receiverName\":\"Bench\",\"phone\":\"+44 20 7946 0000\","
                + "\"province\":\"London\",\"city\":\"London\",\"district\":\"Camden\",\"detailAddress\":\"1 High St\"}"),
                "addressId");
        return new Customer(token, address);
    }

    private static long scalar(Connection db, String sql) throws SQLException {
        try (Statement query = db.createStatement(); ResultSet rs = query.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static double seconds(Instant since) {
        return Duration.between(since, Instant.now()).toNanos() / 1e9;
    }
}
