package io.eventmall.benchmarks;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The few API calls the harnesses make to set up a run: JSON in, the answer's body out, anything but 2xx fails. */
final class BenchApi {

    private static final Pattern FIELD = Pattern.compile("\"(\\w+)\":\"?([^\",}]*)\"?");
    private static final Pattern PROCESSOR = Pattern.compile("\\{\"name\":\"([^\"]+)\",\"position\":[^,]*,\"lag\":(null|\\d+)");

    private final HttpClient http;
    private final URI base;

    BenchApi(HttpClient http, URI base) {
        this.http = http;
        this.base = base;
    }

    /** Registers a user of its own (the name starts with the prefix) and returns its access token. */
    String newUser(String prefix) throws IOException, InterruptedException {
        String username = prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
        String credentials = "{\"username\":\"" + username + "\",\"password\":\"bench-password-1\"}";
        field(post("/api/v1/users/register", null, credentials), "userId");
        return login(username, "bench-password-1");
    }

    String login(String username, String password) throws IOException, InterruptedException {
        return field(post("/api/v1/users/login", null,
                "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}"), "accessToken");
    }

    String post(String path, String token, String json) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)), token);
    }

    String get(String path, String token) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(base.resolve(path)).GET(), token);
    }

    /** Every event processor's lag from GET /admin/projections, -1 where no node has claimed it. */
    Map<String, Long> processorLags(String adminToken) throws IOException, InterruptedException {
        Map<String, Long> lags = new TreeMap<>();
        Matcher processor = PROCESSOR.matcher(get("/api/v1/admin/projections", adminToken));
        while (processor.find()) {
            lags.put(processor.group(1), "null".equals(processor.group(2)) ? -1 : Long.parseLong(processor.group(2)));
        }
        return lags;
    }

    /** Waits until no event processor is behind; how long that took, or null if they were not idle in time. */
    Duration untilProcessorsIdle(String adminToken, Duration atMost) throws IOException, InterruptedException {
        long start = System.nanoTime();
        while (System.nanoTime() - start < atMost.toNanos()) {
            if (processorLags(adminToken).values().stream().allMatch(lag -> lag == 0)) {
                return Duration.ofNanos(System.nanoTime() - start);
            }
            Thread.sleep(500);
        }
        return null;
    }

    private String send(HttpRequest.Builder request, String token) throws IOException, InterruptedException {
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(request.build().uri() + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        return response.body();
    }

    /** A top-level string or number field of a JSON answer (the harness carries no JSON library). */
    static String field(String json, String name) {
        Matcher matcher = FIELD.matcher(json);
        while (matcher.find()) {
            if (matcher.group(1).equals(name)) {
                return matcher.group(2);
            }
        }
        throw new IllegalStateException("no " + name + " in " + json);
    }
}
