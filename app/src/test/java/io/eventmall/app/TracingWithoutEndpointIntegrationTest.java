package io.eventmall.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eventmall.testservers.TestServers;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Tracing on as in production but no {@code management.otlp.tracing.endpoint}: no span exporter exists, so nothing is
 * sent or dialled anywhere, while trace ids still reach the events (metadata {@code traceId} and {@code traceparent}).
 */
@IntegrationTest
@AutoConfigureObservability(metrics = false)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class TracingWithoutEndpointIntegrationTest {

    @Autowired
    TestApi api;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ApplicationContext context;

    @DynamicPropertySource
    static void ownSchema(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> TestServers.inSchema(TestServers.testDatabaseUrl(), "tracing_off"));
        registry.add("spring.flyway.schemas", () -> "tracing_off");
        // Its Redis read models and indices apart from the shared context's too, like its tables.
        registry.add("spring.data.redis.database", () -> "8");
        registry.add("mall.elasticsearch.index-prefix", () -> "mall-test-tracing-off");
    }

    @Test
    void withoutAnEndpointNothingIsExportedButTraceIdsStillReachTheEvents() throws IOException {
        // Unset, or empty as deploy/docker-compose.yml passes it when no collector is named (BlankOtlpEndpointIsOff).
        assertThat(context.getEnvironment().getProperty("management.otlp.tracing.endpoint")).isNullOrEmpty();
        assertThat(context.getBeansOfType(SpanExporter.class)).isEmpty();

        String productId = api.newProduct(api.adminToken(), 1_000, 3);
        String orderId = api.awaitingPaymentOrder(api.newCustomer(), productId, 1);

        byte[] stored = jdbc.queryForObject("""
                SELECT meta_data FROM domain_event_entry
                WHERE aggregate_identifier = ? AND payload_type LIKE '%OrderPlaced' LIMIT 1""", byte[].class, orderId);
        JsonNode metadata = new ObjectMapper().readTree(stored);
        String traceId = metadata.path("traceId").asText();
        assertThat(traceId).matches("[0-9a-f]{32}");
        assertThat(metadata.path("traceparent").asText()).startsWith("00-" + traceId + "-");
    }
}
