package io.eventmall.benchmarks;

import java.net.InetAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Measures requests per second and p99 latency of the read endpoints (GET /home, /products/{id},
 * /search) under concurrent load, beside the same load on a trivial endpoint of the same application
 * (/actuator/health/liveness) in the same run, and prints a table with the ratios. It starts nothing but
 * the load: the application must already run (scripts/run.sh). Options, all {@code --name=value}:
 * base-url (http://localhost:8080, loopback only), clients (32), warmup (PT5S), duration (PT20S),
 * product-id (demo-trail-runner), query (trail runner), timeout (PT10S), endpoints (home,product,search: which
 * of the three to load; the trivial endpoint always runs first).
 */
public final class ReadBenchmark {

    private ReadBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        URI base = URI.create(options.getOrDefault("base-url", "http://localhost:8080"));
        requireLoopback(base);
        int clients = Integer.parseInt(options.getOrDefault("clients", "32"));
        Duration warmup = Duration.parse(options.getOrDefault("warmup", "PT5S"));
        Duration duration = Duration.parse(options.getOrDefault("duration", "PT20S"));
        Duration timeout = Duration.parse(options.getOrDefault("timeout", "PT10S"));
        String productId = options.getOrDefault("product-id", "demo-trail-runner");
        String query = options.getOrDefault("query", "trail runner");

        List<String> chosen = List.of(options.getOrDefault("endpoints", "home,product,search").split(","));
        Map<String, String> endpoints = new LinkedHashMap<>();
        endpoints.put("trivial (liveness)", "/actuator/health/liveness");
        if (chosen.contains("home")) {
            endpoints.put("home", "/api/v1/home");
        }
        if (chosen.contains("product")) {
            endpoints.put("product detail", "/api/v1/products/" + productId);
        }
        if (chosen.contains("search")) {
            endpoints.put("search", "/api/v1/search?q=" + URLEncoder.encode(query, StandardCharsets.UTF_8));
        }

        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2)).build();
        ClosedLoopLoad load = new ClosedLoopLoad(http, clients, timeout);
        System.out.printf(Locale.ROOT, "eventmall read benchmark: %s, %d clients, %ds warm-up + %ds measured per endpoint, %d cores here%n",
                base, clients, warmup.toSeconds(), duration.toSeconds(), Runtime.getRuntime().availableProcessors());
        List<EndpointResult> results = new ArrayList<>();
        for (Map.Entry<String, String> endpoint : endpoints.entrySet()) {
            URI target = base.resolve(endpoint.getValue());
            System.out.printf("  %-20s warming up%n", endpoint.getKey());
            load.run(endpoint.getKey(), target, warmup);
            EndpointResult result = load.run(endpoint.getKey(), target, duration);
            System.out.printf(Locale.ROOT, "  %-20s %.0f req/s%n", endpoint.getKey(), result.perSecond());
            results.add(result);
        }
        print(results);
    }

    static void print(List<EndpointResult> results) {
        EndpointResult trivial = results.get(0);
        System.out.println();
        System.out.printf("| endpoint | path | ok req/s | p50 ms | p99 ms | max ms | ok | errors | req/s vs trivial | p99 vs trivial |%n");
        System.out.printf("|---|---|---:|---:|---:|---:|---:|---|---:|---:|%n");
        for (EndpointResult r : results) {
            String errors = r.errors().isEmpty() ? "0" : r.errors().entrySet().stream()
                    .map(e -> e.getKey() + " x" + e.getValue()).collect(Collectors.joining(", "));
            System.out.printf(Locale.ROOT, "| %s | `%s` | %.0f | %s | %s | %s | %d | %s | %s | %s |%n",
                    r.name(), r.path(), r.perSecond(), millis(r.percentileMillis(50)), millis(r.percentileMillis(99)),
                    millis(r.maxMillis()),
                    r.succeeded(), errors, ratio(r.perSecond(), trivial.perSecond()),
                    ratio(r.percentileMillis(99), trivial.percentileMillis(99)));
        }
        results.stream().filter(r -> r.succeeded() == 0).forEach(r -> System.out.printf(
                "note: %s answered no request successfully (%s): is it built yet?%n", r.name(), r.errors()));
    }

    private static String millis(double value) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.2f", value);
    }

    private static String ratio(double value, double reference) {
        return Double.isNaN(value) || Double.isNaN(reference) || reference == 0 ? "n/a"
                : String.format(Locale.ROOT, "%.2f", value / reference);
    }

    static Map<String, String> options(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (String arg : args) {
            if (!arg.startsWith("--") || !arg.contains("=")) {
                throw new IllegalArgumentException("options are --name=value, got " + arg);
            }
            options.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
        }
        return options;
    }

    /** Load goes to this machine only. */
    static void requireLoopback(URI base) throws UnknownHostException {
        for (InetAddress address : InetAddress.getAllByName(base.getHost())) {
            if (!address.isLoopbackAddress()) {
                throw new IllegalArgumentException("the benchmark only loads this machine (loopback), not " + base);
            }
        }
    }
}
