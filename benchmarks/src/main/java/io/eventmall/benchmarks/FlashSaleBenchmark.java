package io.eventmall.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
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
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;

/**
 * The flash-sale spike of issue 7, as a new user would meet it: a sale of {@code quantity} units (limit 1 per buyer),
 * {@code buyers} distinct buyers each with a token of their own, {@code connections} connections driven by wrk, every
 * request the next buyer's purchase. In the same run it measures the ceilings: the trivial endpoint
 * ({@code /actuator/health/liveness}) with the same connections, Redis running the gate's own script
 * (redis-benchmark EVAL, 50 clients) and PostgreSQL committing single-row inserts (pgbench, 16 clients). During the
 * spike it reads {@code GET /home} and {@code GET /products/{id}} every 200 ms. It prints purchase answers per second
 * and their ratio to the trivial endpoint, time to sell out, latency, answers by status, 5xx and timeouts, oversold
 * and unsold units, and how long until a sample of the sale's orders await payment.
 * <p>
 * Options ({@code --name=value}): base-url (http://localhost:8080), buyers (50000), quantity (10000),
 * connections (128), threads (2), duration (PT25S), trivial-duration (PT10S), ceiling-seconds (10), warmup (PT30S:
 * a sale of its own and the trivial endpoint run first, unmeasured, and the spike starts once the event processors
 * are idle again, within drain-wait, PT180S; PT0S measures a cold JVM),
 * admin-username (admin), admin-password (admin-dev-password), jwt-secret (the dev secret), jwt-issuer (eventmall),
 * redis-host (127.0.0.1), redis-port (6379), redis-scratch-db (15), pg-scratch-db (mall_bench_ceiling),
 * gate-script (query-side/src/main/resources/redis/gate-admit.lua), order-sample-wait (PT120S), purchase-token (false: with true the sale requires
 * a purchase token, every buyer fetches theirs before the spike and sends it; start the application with
 * {@code --mall.flash-sale.purchase-token-ttl=PT10M} so that tokens fetched early are still valid).
 * Start the application with {@code --mall.flash-sale.user-rate-limit=1000000}: wrk's connections reuse buyers
 * when they run out, and the benchmark is about the gate, the writer and the aggregate, not the 429 path.
 */
public final class FlashSaleBenchmark {

    static final String DEV_JWT_SECRET = "dev-only-jwt-secret-change-me-0123456789abcdef";

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private final ObjectMapper json = new ObjectMapper();
    private final URI base;

    private FlashSaleBenchmark(URI base) {
        this.base = base;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = ReadBenchmark.options(args);
        URI base = URI.create(options.getOrDefault("base-url", "http://localhost:8080"));
        ReadBenchmark.requireLoopback(base);
        int buyers = Integer.parseInt(options.getOrDefault("buyers", "50000"));
        int quantity = Integer.parseInt(options.getOrDefault("quantity", "10000"));
        int connections = Integer.parseInt(options.getOrDefault("connections", "128"));
        int threads = Integer.parseInt(options.getOrDefault("threads", "2"));
        Duration duration = Duration.parse(options.getOrDefault("duration", "PT25S"));
        Duration trivialDuration = Duration.parse(options.getOrDefault("trivial-duration", "PT10S"));
        int ceilingSeconds = Integer.parseInt(options.getOrDefault("ceiling-seconds", "10"));
        FlashSaleBenchmark bench = new FlashSaleBenchmark(base);

        System.out.printf(Locale.ROOT, "eventmall flash-sale spike: %s, %,d units, %,d distinct buyers, %d connections,"
                + " %ds, %d cores here, %s%n", base, quantity, buyers, connections, duration.toSeconds(),
                Runtime.getRuntime().availableProcessors(), Instant.now());

        BenchmarkTokens tokens = new BenchmarkTokens(options.getOrDefault("jwt-secret", DEV_JWT_SECRET),
                options.getOrDefault("jwt-issuer", "eventmall"));
        Path tokenFile = Files.createTempFile("buyers", ".txt");
        List<String> buyerTokens = new ArrayList<>(buyers);
        long minting = System.nanoTime();
        for (int i = 0; i < buyers; i++) {
            buyerTokens.add(tokens.newBuyer(Duration.ofHours(2)));
        }
        Files.write(tokenFile, buyerTokens);
        System.out.printf(Locale.ROOT, "minted %,d buyer tokens in %d ms%n", buyers,
                Duration.ofNanos(System.nanoTime() - minting).toMillis());

        String admin = bench.login(options.getOrDefault("admin-username", "admin"),
                options.getOrDefault("admin-password", "admin-dev-password"));
        String productId = bench.newProduct(admin);

        Duration warmup = Duration.parse(options.getOrDefault("warmup", "PT30S"));
        if (!warmup.isZero()) {
            bench.warmUp(admin, productId, quantity, tokenFile, connections, threads, warmup,
                    Duration.parse(options.getOrDefault("drain-wait", "PT180S")));
        }

        // Ceilings, measured now so that they share the machine's state with the spike.
        bench.get(base.resolve("/actuator/health/liveness").toString(), null);
        Wrk.Result trivial = Wrk.get(base.resolve("/actuator/health/liveness").toString(), connections, threads,
                trivialDuration);
        double gateScript = Ceilings.gateScriptPerSecond(options.getOrDefault("redis-host", "127.0.0.1"),
                Integer.parseInt(options.getOrDefault("redis-port", "6379")),
                Integer.parseInt(options.getOrDefault("redis-scratch-db", "15")),
                Path.of(options.getOrDefault("gate-script", "query-side/src/main/resources/redis/gate-admit.lua")), 200_000);
        double pgInserts = Ceilings.pgInsertsPerSecond(options.getOrDefault("pg-scratch-db", "mall_bench_ceiling"),
                ceilingSeconds);

        boolean purchaseTokens = Boolean.parseBoolean(options.getOrDefault("purchase-token", "false"));
        String saleId = bench.newSale(admin, productId, quantity, purchaseTokens);
        if (purchaseTokens) {
            // The hidden purchase path: every buyer fetches their token before the start, as a client would.
            long fetching = System.nanoTime();
            Files.write(tokenFile, bench.withPurchaseTokens(saleId, buyerTokens));
            System.out.printf(Locale.ROOT, "fetched %,d purchase tokens in %d ms%n", buyers,
                    Duration.ofNanos(System.nanoTime() - fetching).toMillis());
        }
        Watch watch = bench.watch(saleId, productId);
        Instant spikeStart = Instant.now();
        watch.start();
        Wrk.Result spike = Wrk.purchases(base.toString(), "/api/v1/flash-sales/" + saleId + "/purchases", tokenFile,
                connections, threads, duration);
        watch.stop();
        Files.deleteIfExists(tokenFile);

        int remainingOnPage = bench.settledRemaining(saleId);
        JsonNode saleStream = bench.streamOf(saleId, admin);
        Instant soldOutAt = lastUnitCommittedAt(saleStream);
        int remaining = remainingInStream(saleStream, quantity);
        long accepted = spike.count(202);
        Duration orderWait = Duration.parse(options.getOrDefault("order-sample-wait", "PT120S"));
        Duration toAwaitingPayment = bench.untilAwaitingPayment(spike.accepted(), admin, orderWait);

        System.out.println();
        System.out.println("| measured | figure | vs ceiling |");
        System.out.println("|---|---:|---:|");
        row("trivial endpoint (liveness), wrk " + connections + " connections", Ceilings.format(trivial.perSecond()) + " req/s", "1.00");
        row("purchase answers (any status)", Ceilings.format(spike.perSecond()) + " answers/s",
                ratio(spike.perSecond(), trivial.perSecond()) + " of trivial");
        if (soldOutAt != null) {
            // After the sell-out most answers are SOLD_OUT, which a node answers from memory (SoldOutMemo): the rate
            // while units were still being sold is the purchase path itself.
            double sellingSeconds = Math.max(1, Duration.between(spikeStart, soldOutAt).toMillis()) / 1e3;
            double acceptedPerSecond = Math.min(accepted, quantity) / sellingSeconds;
            row("accepted purchases per second until sold out (202s over the time to sell out)",
                    Ceilings.format(acceptedPerSecond) + " /s", ratio(acceptedPerSecond, trivial.perSecond()) + " of trivial");
        }
        row("Redis: gate-admit.lua via EVAL, 50 clients", Ceilings.format(gateScript) + " /s",
                ratio(spike.perSecond(), gateScript) + " (answers/s over it)");
        row("PostgreSQL: single-row inserts, pgbench 16 clients", Ceilings.format(pgInserts) + " tps",
                ratio(accepted / (duration.toMillis() / 1e3), pgInserts) + " (202s/s over it)");
        row("time to sell out (the event that left 0 units committed)", soldOutAt == null ? "not sold out"
                : Duration.between(spikeStart, soldOutAt).toMillis() + " ms", "");
        row("the sale's page showed 0 units left", watch.soldOutAfter() == null
                ? "not during the spike" : watch.soldOutAfter().toMillis() + " ms after the start", "");
        row("purchase latency p50 / p99 / max (all answers)", ms(spike.p50Micros()) + " / " + ms(spike.p99Micros())
                + " / " + ms(spike.maxMicros()) + " ms", "");
        row("answers by status", spike.statuses().toString(), "");
        row("5xx answers / timeouts / socket errors", spike.count5xx() + " / " + spike.timeouts() + " / "
                + spike.socketErrors(), "");
        row("202 accepted / units / remaining after the run (the sale's events; its page)", accepted + " / " + quantity
                + " / " + remaining + " (page " + remainingOnPage + ")", "");
        row("oversold / unsold", Math.max(0, accepted - quantity) + " / " + remaining, "");
        row("GET /home during the spike: max / p99, non-2xx", watch.home.maxMillis() + " / " + watch.home.p99Millis()
                + " ms, " + watch.home.failures, "");
        row("GET /products/{id} during the spike: max / p99, non-2xx", watch.product.maxMillis() + " / "
                + watch.product.p99Millis() + " ms, " + watch.product.failures, "");
        row("sample of " + spike.accepted().size() + " orders (drawn over the whole spike, each wrk thread's last"
                        + " included) AWAITING_PAYMENT, after the spike ended",
                toAwaitingPayment == null ? "not within " + orderWait.toSeconds() + " s" : toAwaitingPayment.toMillis() + " ms", "");
    }

    /**
     * A just-started JVM spends most of its CPU compiling: the first spike on a fresh instance measured the trivial
     * endpoint at a tenth of its warm rate and the spike at a third. So a warm-up sale of its own (same units, same
     * buyers, its own per-user limits) and the trivial endpoint run first, and the spike waits until the event
     * processors have handled the warm-up's events, so that neither compilation nor a backlog is measured.
     */
    private void warmUp(String admin, String productId, int quantity, Path tokenFile, int connections, int threads,
                        Duration warmup, Duration drainWait) throws IOException, InterruptedException {
        String warmupSale = newSale(admin, productId, quantity, false);
        Wrk.Result warm = Wrk.purchases(base.toString(), "/api/v1/flash-sales/" + warmupSale + "/purchases", tokenFile,
                connections, threads, warmup);
        Wrk.Result trivialWarm = Wrk.get(base.resolve("/actuator/health/liveness").toString(), connections, threads,
                Duration.ofSeconds(Math.max(5, warmup.toSeconds() / 3)));
        Duration drained = new BenchApi(http, base).untilProcessorsIdle(admin, drainWait);
        System.out.printf(Locale.ROOT, "warm-up (not measured): %s purchase answers/s %s, trivial %s req/s; event"
                        + " processors idle %s%n", Ceilings.format(warm.perSecond()), warm.statuses(),
                Ceilings.format(trivialWarm.perSecond()),
                drained == null ? "NOT within " + drainWait.toSeconds() + " s" : drained.toMillis() + " ms later");
    }

    private static void row(String what, String figure, String ratio) {
        System.out.println("| " + what + " | " + figure + " | " + ratio + " |");
    }

    private static String ratio(double value, double ceiling) {
        return String.format(Locale.ROOT, "%.3f", value / ceiling);
    }

    private static String ms(long micros) {
        return String.format(Locale.ROOT, "%.1f", micros / 1000.0);
    }

    /** Latency of one endpoint sampled during the spike. */
    private static final class Sampled {
        private final Histogram latency = new Histogram(60_000_000L, 3);
        private long failures;

        synchronized void record(long micros, int status) {
            latency.recordValue(Math.min(micros, 60_000_000L));
            if (status / 100 != 2) {
                failures++;
            }
        }

        synchronized String maxMillis() {
            return ms(latency.getMaxValue());
        }

        synchronized String p99Millis() {
            return ms(latency.getValueAtPercentile(99));
        }
    }

    /** Reads home, a product page and the sale's remaining units while the spike runs. */
    private final class Watch {
        private final String saleId;
        private final String productId;
        private final Sampled home = new Sampled();
        private final Sampled product = new Sampled();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final AtomicLong soldOutAtNanos = new AtomicLong();
        private final List<Thread> threads = new ArrayList<>();
        private long startNanos;

        Watch(String saleId, String productId) {
            this.saleId = saleId;
            this.productId = productId;
        }

        void start() {
            startNanos = System.nanoTime();
            threads.add(new Thread(() -> sample("/api/v1/home", home)));
            threads.add(new Thread(() -> sample("/api/v1/products/" + productId, product)));
            threads.add(new Thread(this::watchRemaining));
            threads.forEach(Thread::start);
        }

        void stop() throws InterruptedException {
            running.set(false);
            for (Thread thread : threads) {
                thread.join();
            }
        }

        Duration soldOutAfter() {
            long at = soldOutAtNanos.get();
            return at == 0 ? null : Duration.ofNanos(at - startNanos);
        }

        private void sample(String path, Sampled into) {
            while (running.get()) {
                long started = System.nanoTime();
                int status = status(path);
                into.record((System.nanoTime() - started) / 1000, status);
                pause(200);
            }
        }

        private void watchRemaining() {
            while (running.get() && soldOutAtNanos.get() == 0) {
                try {
                    if (json.readTree(get(base.resolve("/api/v1/flash-sales/" + saleId).toString(), null))
                            .path("remaining").asInt(-1) == 0) {
                        soldOutAtNanos.set(System.nanoTime());
                    }
                } catch (IOException | RuntimeException notNow) {
                    // a failed read is retried at the next tick
                } catch (InterruptedException interrupted) {
                    return;
                }
                pause(100);
            }
        }
    }

    private Watch watch(String saleId, String productId) {
        return new Watch(saleId, productId);
    }

    private int status(String path) {
        try {
            return http.send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The sale's event stream, the aggregate's own record (GET /audit/aggregates/{id}/events). */
    private JsonNode streamOf(String saleId, String admin) throws IOException, InterruptedException {
        return json.readTree(get(base.resolve("/api/v1/audit/aggregates/" + saleId + "/events").toString(), admin));
    }

    /**
     * When the sale's last unit was committed: the timestamp of the first purchase in its stream that left 0 units
     * (null when none did), however long the pages take to say so.
     */
    private static Instant lastUnitCommittedAt(JsonNode stream) {
        for (JsonNode event : stream) {
            if (event.path("type").asText().endsWith("FlashSaleUnitsPurchased")
                    && event.path("payload").path("remaining").asInt(-1) == 0) {
                return Instant.parse(event.path("timestamp").asText());
            }
        }
        return null;
    }

    /** The units the aggregate has left: the {@code remaining} of the last purchase or return in its stream. */
    private static int remainingInStream(JsonNode stream, int quantity) {
        int remaining = quantity;
        for (JsonNode event : stream) {
            if (event.path("payload").has("remaining")) {
                remaining = event.path("payload").path("remaining").asInt();
            }
        }
        return remaining;
    }

    /** The sale's remaining units on its page once they have stopped moving (3 equal reads a second apart). */
    private int settledRemaining(String saleId) throws IOException, InterruptedException {
        int last = -1;
        for (int stable = 0; stable < 3; ) {
            Thread.sleep(1_000);
            int now = json.readTree(get(base.resolve("/api/v1/flash-sales/" + saleId).toString(), null)).path("remaining").asInt();
            stable = now == last ? stable + 1 : 0;
            last = now;
        }
        return last;
    }

    /** From the end of the spike until every sampled order awaits payment (null after 120 s). */
    private Duration untilAwaitingPayment(List<String> sample, String admin, Duration wait)
            throws IOException, InterruptedException {
        long start = System.nanoTime();
        List<String> waiting = new ArrayList<>(sample);
        while (!waiting.isEmpty()) {
            if (Duration.ofNanos(System.nanoTime() - start).compareTo(wait) > 0) {
                return null;
            }
            HttpResponse<String> order = http.send(HttpRequest.newBuilder(base.resolve("/api/v1/orders/" + waiting.get(0)))
                    .header("Authorization", "Bearer " + admin).build(), HttpResponse.BodyHandlers.ofString());
            if (order.statusCode() == 200 && "AWAITING_PAYMENT".equals(json.readTree(order.body()).path("status").asText())) {
                waiting.remove(0);
            } else {
                Thread.sleep(100);
            }
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    private String newProduct(String admin) throws IOException, InterruptedException {
        String merchant = post("/api/v1/merchants", admin, Map.of("name", "Bench shop")).path("merchantId").asText();
        String category = post("/api/v1/categories", admin, Map.of("name", "Bench")).path("categoryId").asText();
        return post("/api/v1/products", admin, Map.of("merchantId", merchant, "categoryId", category,
                "name", "Bench drone", "images", List.of(), "price", 99_000)).path("productId").asText();
    }

    private String newSale(String admin, String productId, int quantity, boolean requirePurchaseToken)
            throws IOException, InterruptedException {
        Instant now = Instant.now();
        return post("/api/v1/flash-sales", admin, Map.of("productId", productId, "price", 9_900, "quantity", quantity,
                "perUserLimit", 1, "startsAt", now.minusSeconds(1).toString(),
                "endsAt", now.plusSeconds(3600).toString(), "requirePurchaseToken", requirePurchaseToken))
                .path("flashSaleId").asText();
    }

    /** Each buyer's line of the token file with their purchase token for the sale after a space. */
    private List<String> withPurchaseTokens(String saleId, List<String> buyerTokens) throws InterruptedException {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(16);
        try {
            List<java.util.concurrent.Future<String>> lines = new ArrayList<>();
            for (String buyer : buyerTokens) {
                lines.add(pool.submit(() -> buyer + " " + json.readTree(
                        get(base.resolve("/api/v1/flash-sales/" + saleId + "/purchase-token").toString(), buyer))
                        .path("token").asText()));
            }
            List<String> result = new ArrayList<>(lines.size());
            for (java.util.concurrent.Future<String> line : lines) {
                result.add(line.get());
            }
            return result;
        } catch (java.util.concurrent.ExecutionException failed) {
            throw new IllegalStateException("a purchase token could not be fetched", failed.getCause());
        } finally {
            pool.shutdown();
        }
    }

    private String login(String username, String password) throws IOException, InterruptedException {
        return post("/api/v1/users/login", null, Map.of("username", username, "password", password))
                .path("accessToken").asText();
    }

    private JsonNode post(String path, String token, Object body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(path + " answered " + response.statusCode() + ": " + response.body());
        }
        return json.readTree(response.body());
    }

    private String get(String url, String token) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString()).body();
    }
}
