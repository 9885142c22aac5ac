package io.eventmall.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;

/**
 * JSON answers, ordinary and problems alike, carry their length rather than being chunked (SizedJsonResponses);
 * server-sent events still stream (OrderLifecycleIntegrationTest reads a status stream while it is open).
 */
@IntegrationTest
class JsonAnswerFramingIntegrationTest {

    @Value("${local.server.port}")
    int port;

    @Test
    void aJsonAnswerCarriesItsLength() throws Exception {
        assertSized(get("/api/v1/flash-sales"), 200);
    }

    @Test
    void aProblemAnswerCarriesItsLength() throws Exception {
        HttpResponse<byte[]> unknown = get("/api/v1/products/no-such-product");
        assertSized(unknown, 404);
        assertThat(new String(unknown.body(), StandardCharsets.UTF_8)).contains("\"code\":\"NOT_FOUND\"");
    }

    private static void assertSized(HttpResponse<byte[]> response, int status) {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Transfer-Encoding")).isEmpty();
        assertThat(response.headers().firstValueAsLong("Content-Length")).hasValue(response.body().length);
        assertThat(response.body().length).isPositive();
    }

    private HttpResponse<byte[]> get(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Accept", "application/json").build(), HttpResponse.BodyHandlers.ofByteArray());
    }
}
