package io.eventmall.benchmarks;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How fast GET /audit/verify recomputes the integrity chain from the stored events. It appends
 * {@code --events} synthetic events (a type no handler knows, about 500 bytes of payload each) straight into the
 * application's event store with SQL, waits until the application's {@code integrity-chain} processor has
 * sealed every stored event, then times {@code --runs} full verifications, with and without a checkpoint, and
 * prints events per second. Run it against an application on a scratch database: the events stay.
 * Options ({@code --name=value}): base-url (http://localhost:8080, loopback only), jdbc-url
 * (jdbc:postgresql://127.0.0.1:5432/mall), jdbc-user (postgres), jdbc-password (postgres), events (200000),
 * runs (3), admin-username (admin), admin-password (admin-dev-password).
 */
public final class AuditVerifyBenchmark {

    private static final Pattern NUMBER = Pattern.compile("\"(\\w+)\":(-?\\d+|true|false|\"[^\"]*\")");
    private static final int CHUNK = 50_000;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final URI base;
    private String token;

    private AuditVerifyBenchmark(URI base) {
        this.base = base;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = ReadBenchmark.options(args);
        URI base = URI.create(options.getOrDefault("base-url", "http://localhost:8080"));
        ReadBenchmark.requireLoopback(base);
        int events = Integer.parseInt(options.getOrDefault("events", "200000"));
        int runs = Integer.parseInt(options.getOrDefault("runs", "3"));
        AuditVerifyBenchmark bench = new AuditVerifyBenchmark(base);
        bench.token = value(bench.send(HttpRequest.newBuilder(base.resolve("/api/v1/users/login"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                        "{\"username\":\"" + options.getOrDefault("admin-username", "admin") + "\",\"password\":\""
                                + options.getOrDefault("admin-password", "admin-dev-password") + "\"}"))), "accessToken");

        long stored;
        try (Connection db = DriverManager.getConnection(
                options.getOrDefault("jdbc-url", "jdbc:postgresql://127.0.0.1:5432/mall"),
                options.getOrDefault("jdbc-user", "postgres"), options.getOrDefault("jdbc-password", "postgres"))) {
            Instant seeding = Instant.now();
            seed(db, events);
            System.out.printf(Locale.ROOT, "seeded %d synthetic events in %.1f s%n", events,
                    Duration.between(seeding, Instant.now()).toMillis() / 1000.0);
            try (Statement count = db.createStatement();
                 var rs = count.executeQuery("SELECT count(*) FROM domain_event_entry")) {
                rs.next();
                stored = rs.getLong(1);
            }
        }
        Instant sealing = Instant.now();
        while (Long.parseLong(value(bench.get("/api/v1/audit/verify"), "checkedEvents")) < stored) {
            if (Duration.between(sealing, Instant.now()).toMinutes() >= 10) {
                throw new IllegalStateException("the integrity chain did not seal " + stored + " events in 10 minutes");
            }
            Thread.sleep(2_000);
        }
        System.out.printf(Locale.ROOT, "%d stored events sealed by the application %.1f s after seeding%n", stored,
                Duration.between(sealing, Instant.now()).toMillis() / 1000.0);

        String checkpoint = bench.get("/api/v1/audit/checkpoint");
        System.out.printf(Locale.ROOT, "eventmall audit verification: %s, %d cores here%n", base,
                Runtime.getRuntime().availableProcessors());
        System.out.println("| run | verify | events checked | seconds | events/s | valid |");
        System.out.println("|---:|---|---:|---:|---:|---|");
        List<Double> rates = new ArrayList<>();
        for (int run = 1; run <= runs; run++) {
            for (String query : new String[] {"", "?checkpoint=" + URLEncoder.encode(checkpoint, StandardCharsets.UTF_8)}) {
                Instant start = Instant.now();
                String verdict = bench.get("/api/v1/audit/verify" + query);
                double seconds = Duration.between(start, Instant.now()).toNanos() / 1e9;
                long checked = Long.parseLong(value(verdict, "checkedEvents"));
                rates.add(checked / seconds);
                System.out.printf(Locale.ROOT, "| %d | %s | %d | %.2f | %.0f | %s |%n", run,
                        query.isEmpty() ? "chain" : "chain + checkpoint", checked, seconds, checked / seconds,
                        value(verdict, "valid"));
            }
        }
        System.out.printf(Locale.ROOT, "best %.0f events/s, worst %.0f events/s%n",
                rates.stream().mapToDouble(Double::doubleValue).max().orElse(0),
                rates.stream().mapToDouble(Double::doubleValue).min().orElse(0));
    }

    /** Appends events as the store holds them: a global index from its sequence, ~500 bytes of JSON payload. */
    private static void seed(Connection db, int events) throws SQLException {
        db.setAutoCommit(false);
        String run = UUID.randomUUID().toString().substring(0, 8);
        try (PreparedStatement insert = db.prepareStatement("""
                INSERT INTO domain_event_entry (global_index, aggregate_identifier, sequence_number, type,
                    event_identifier, meta_data, payload, payload_revision, payload_type, time_stamp)
                SELECT nextval('domain_event_global_index_seq'), 'bench-' || ? || '-' || (n / 100), n % 100,
                    'SyntheticAggregate', ? || '-' || n,
                    convert_to('{"traceId":"' || md5(n::text) || '","userId":"bench","correlationId":"' || md5(n::text)
                        || '","causationId":"' || md5(n::text) || '"}', 'UTF8'),
                    convert_to('{"n":' || n || ',"text":"' || repeat(md5(n::text), 12) || '"}', 'UTF8'),
                    NULL, 'io.eventmall.benchmarks.SyntheticEvent',
                    to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')
                FROM generate_series(?, ?) AS n""")) {
            for (int from = 0; from < events; from += CHUNK) {
                insert.setString(1, run);
                insert.setString(2, run);
                insert.setInt(3, from);
                insert.setInt(4, Math.min(events, from + CHUNK) - 1);
                insert.executeUpdate();
                db.commit();
            }
        }
    }

    private String get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(base.resolve(path)).header("Authorization", "Bearer " + token)
                .timeout(Duration.ofMinutes(5)).GET());
    }

    private String send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(request.build().uri() + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        return response.body();
    }

    private static String value(String json, String name) {
        Matcher matcher = NUMBER.matcher(json);
        while (matcher.find()) {
            if (matcher.group(1).equals(name)) {
                return matcher.group(2).replace("\"", "");
            }
        }
        throw new IllegalStateException("no " + name + " in " + json);
    }
}
