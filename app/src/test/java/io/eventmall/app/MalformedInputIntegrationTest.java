package io.eventmall.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

/**
 * Walks the OpenAPI document and sends every operation what a careless or hostile client would: malformed JSON,
 * wrong types, empty and oversized bodies, boundary and fractional numbers in bodies and query parameters. Every
 * answer must be a 4xx (problem+json where there is a body), never a 5xx, and nothing may change.
 */
@IntegrationTest
class MalformedInputIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> BAD_BODIES = List.of("{", "{\"a\":", "[]", "\"text\"", "123", "null", "",
            "{\"unclosed\": \"string}", "\u0000\u0001");
    /** Never a number of ours: a fraction, out of range, or not a number. */
    private static final List<String> BAD_NUMBERS = List.of("19.99", "9223372036854775808", "-9223372036854775809",
            "1e400", "\"12\"", "[]", "{}", "true");
    /** Numbers at the edges: refused or taken, but never a failure. */
    private static final List<String> EDGE_NUMBERS = List.of("-1", "0", "2147483648", "9223372036854775807");
    private static final List<String> BAD_TEXTS = List.of("123", "[]", "{}", "true");
    private static final List<String> EDGE_QUERY_NUMBERS = List.of("-1", "0", "2147483647", "2147483648",
            "9223372036854775808", "1.5", "abc", "");

    @Autowired
    TestApi api;
    @Autowired
    StoreProbe store;
    @Value("${local.server.port}")
    int port;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<String> wrongAnswers = new ArrayList<>();
    private int requests;

    @Test
    void everyOperationAnswersBadInputWithA4xxProblemAndChangesNothing() throws Exception {
        String admin = api.adminToken();
        JsonNode document = JSON.readTree(send("GET", "/v3/api-docs", null, null).body());
        long eventsBefore = store.eventCount();

        int operations = 0;
        for (Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> methods = path.getValue().fields(); methods.hasNext(); ) {
                Map.Entry<String, JsonNode> method = methods.next();
                operations++;
                fuzz(document, method.getKey().toUpperCase(), path.getKey(), method.getValue(), admin);
            }
        }

        assertThat(operations).as("operations in /v3/api-docs").isGreaterThan(40);
        assertThat(requests).isGreaterThan(500);
        assertThat(wrongAnswers).as("answers that are not a 4xx problem").isEmpty();
        assertThat(store.eventCount()).as("events appended by bad input").isEqualTo(eventsBefore);
    }

    private void fuzz(JsonNode document, String method, String template, JsonNode operation, String token)
            throws Exception {
        String path = template.replaceAll("\\{[^}]+}", "fuzz-unknown-id");
        for (JsonNode parameter : operation.path("parameters")) {
            if (!"query".equals(parameter.path("in").asText())) {
                continue;
            }
            JsonNode schema = resolve(document, parameter.path("schema"));
            List<String> values = switch (schema.path("type").asText()) {
                case "integer", "number" -> EDGE_QUERY_NUMBERS;
                default -> schema.has("enum") ? List.of("NOT_A_VALUE", "") : List.of("x".repeat(3000), "%");
            };
            for (String value : values) {
                String query = parameter.path("name").asText() + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8);
                expectNo5xx(method, path + "?" + query, null, token);
            }
        }
        if (!operation.has("requestBody")) {
            return;
        }
        for (String body : BAD_BODIES) {
            expect4xx(method, path, body, token);
        }
        expect4xx(method, path, "{\"name\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}", token);
        JsonNode schema = resolve(document, operation.path("requestBody").path("content").path("application/json")
                .path("schema"));
        for (Iterator<Map.Entry<String, JsonNode>> properties = schema.path("properties").fields(); properties.hasNext(); ) {
            Map.Entry<String, JsonNode> property = properties.next();
            String type = resolve(document, property.getValue()).path("type").asText();
            List<String> values = switch (type) {
                case "integer", "number" -> BAD_NUMBERS;
                case "array" -> List.of("{}", "\"text\"", "[" + "1,".repeat(5000) + "1]");
                case "boolean" -> List.of("\"yes\"", "2");
                default -> BAD_TEXTS;
            };
            for (String value : values) {
                expect4xx(method, path, only(property.getKey(), value), token);
            }
            if (type.equals("integer") || type.equals("number")) {
                for (String value : EDGE_NUMBERS) {
                    expectNo5xx(method, path, only(property.getKey(), value), token);
                }
            }
        }
    }

    private static String only(String property, String value) throws Exception {
        ObjectNode only = JSON.createObjectNode();
        only.set(property, JSON.readTree(value));
        return JSON.writeValueAsString(only);
    }

    private void expect4xx(String method, String path, String body, String token) throws Exception {
        check(method, path, body, token, true);
    }

    /** Valid or refused, both fine: a refusal is still a 4xx problem. */
    private void expectNo5xx(String method, String path, String body, String token) throws Exception {
        check(method, path, body, token, false);
    }

    private void check(String method, String path, String body, String token, boolean mustRefuse) throws Exception {
        HttpResponse<String> response = send(method, path, body, token);
        requests++;
        int status = response.statusCode();
        String contentType = response.headers().firstValue("Content-Type").orElse("");
        boolean problem = contentType.startsWith("application/problem+json") || response.body().isEmpty();
        boolean refused = status >= 400 && status < 500 && problem;
        if (status >= 500 || (mustRefuse && !refused) || (status >= 400 && !problem)) {
            String sent = body == null ? "" : " " + body.substring(0, Math.min(80, body.length()));
            wrongAnswers.add(method + " " + path.substring(0, Math.min(120, path.length())) + sent + " -> " + status
                    + " " + contentType + " " + response.body().substring(0, Math.min(200, response.body().length())));
        }
    }

    private HttpResponse<String> send(String method, String path, String body, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + path))
                .timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode resolve(JsonNode document, JsonNode schema) {
        String ref = schema.path("$ref").asText("");
        if (ref.startsWith("#/components/schemas/")) {
            return document.path("components").path("schemas").path(ref.substring("#/components/schemas/".length()));
        }
        return schema;
    }
}
