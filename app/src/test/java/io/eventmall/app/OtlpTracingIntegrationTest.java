package io.eventmall.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eventmall.app.OtlpReceiver.ReceivedSpan;
import io.eventmall.testservers.TestServers;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * With {@code management.otlp.tracing.endpoint} set, a placed order is exported as one trace: the HTTP request, the
 * PlaceOrder command it sends and its handling, the OrderPlaced event handled on a processor thread, and the
 * OrderFulfilment saga that reserves the stock. The receiver is a real OTLP/HTTP endpoint in process. Tracing is on
 * ({@code @AutoConfigureObservability}: Spring Boot's tests switch it off otherwise), on a schema of its own so that
 * no other test context's processors handle its events.
 */
@IntegrationTest
@AutoConfigureObservability(metrics = false)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class OtlpTracingIntegrationTest {

    static final OtlpReceiver RECEIVER = receiver();
    static final Duration EXPORTED_WITHIN = Duration.ofSeconds(20);

    @Autowired
    TestApi api;
    @Autowired
    JdbcTemplate jdbc;

    @DynamicPropertySource
    static void exportToTheReceiver(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> TestServers.inSchema(TestServers.testDatabaseUrl(), "tracing"));
        registry.add("spring.flyway.schemas", () -> "tracing");
        // Its Redis read models and indices apart from the shared context's too, like its tables.
        registry.add("spring.data.redis.database", () -> "7");
        registry.add("mall.elasticsearch.index-prefix", () -> "mall-test-tracing");
        registry.add("management.otlp.tracing.endpoint", RECEIVER::endpoint);
        registry.add("management.tracing.sampling.probability", () -> "1.0");
        registry.add("management.tracing.opentelemetry.export.schedule-delay", () -> "100ms");
    }

    @AfterAll
    static void stopReceiver() {
        RECEIVER.close();
    }

    @Test
    void aPlacedOrderIsOneTraceFromTheRequestThroughItsCommandEventAndSaga() throws IOException {
        String productId = api.newProduct(api.adminToken(), 1_000, 3);
        TestApi.User customer = api.newCustomer();
        api.put("/cart/items/" + productId, customer.token(), Map.of("quantity", 1));
        api.eventually("/cart", customer.token(), r -> r.body().path("items").size() == 1);
        String orderId = api.post("/cart/checkout", customer.token(),
                Map.of("addressId", api.newAddress(customer.token()))).text("orderId");
        api.eventually("/orders/" + orderId, customer.token(), r -> "AWAITING_PAYMENT".equals(r.text("status")));

        ReceivedSpan request = awaitSpan(span -> span.kind() == SpanKind.SPAN_KIND_SERVER
                && span.name().equals("http post /api/v1/cart/checkout"));
        String traceId = request.traceId();
        ReceivedSpan placeOrder = awaitSpan(named(traceId, "CommandBus.handleCommand(PlaceOrder)"));
        ReceivedSpan orderAccepted = awaitSpan(named(traceId, "StreamingEventProcessor.process(OrderAccepted)"));
        ReceivedSpan saga = awaitSpan(named(traceId, "SagaManager.invokeSaga(OrderFulfilment)(OrderAccepted)"));
        // The saga sends its commands (a checkout's: empty the cart) from a pool of its own (ProcessCommands):
        // they stay in the trace too.
        ReceivedSpan emptyCart = awaitSpan(named(traceId, "CommandBus.handleCommand(SetCartItemQuantity)"));

        assertThat(List.of(placeOrder, orderAccepted, saga, emptyCart)).extracting(ReceivedSpan::kind)
                .containsExactly(SpanKind.SPAN_KIND_CONSUMER, SpanKind.SPAN_KIND_CONSUMER, SpanKind.SPAN_KIND_INTERNAL,
                        SpanKind.SPAN_KIND_CONSUMER);
        assertThat(request.parentSpanId()).as("the request starts the trace").isEmpty();

        // The trace id also reaches the stored event (traceId for auditors, traceparent for Axon's propagation).
        JsonNode metadata = orderPlacedMetadata(orderId);
        assertThat(metadata.path("traceId").asText()).isEqualTo(traceId);
        assertThat(metadata.path("traceparent").asText()).contains(traceId);
    }

    private static Predicate<ReceivedSpan> named(String traceId, String name) {
        return span -> span.traceId().equals(traceId) && span.name().equals(name);
    }

    private static ReceivedSpan awaitSpan(Predicate<ReceivedSpan> wanted) {
        // On a timeout the assertion's message lists every span received.
        Awaitility.await().atMost(EXPORTED_WITHIN).pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> assertThat(RECEIVER.spans()).anyMatch(wanted));
        return RECEIVER.spans().stream().filter(wanted).findFirst().orElseThrow();
    }

    private JsonNode orderPlacedMetadata(String orderId) throws IOException {
        byte[] metadata = jdbc.queryForObject("""
                SELECT meta_data FROM domain_event_entry
                WHERE aggregate_identifier = ? AND payload_type LIKE '%OrderPlaced' LIMIT 1""", byte[].class, orderId);
        return new ObjectMapper().readTree(metadata);
    }

    private static OtlpReceiver receiver() {
        try {
            return new OtlpReceiver();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
