package io.eventmall.app;

import com.google.protobuf.ByteString;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;

/**
 * An OTLP/HTTP trace receiver in process, on a free port: what a collector would be sent to {@code /v1/traces}
 * (protobuf, as Spring Boot's OTLP exporter sends it), decoded into spans.
 */
final class OtlpReceiver implements AutoCloseable {

    static final String PATH = "/v1/traces";

    /** One received span: ids in lower-case hex, as trace ids appear in logs and metadata. */
    record ReceivedSpan(String traceId, String spanId, String parentSpanId, String name, Span.SpanKind kind,
                        Map<String, String> attributes) {

        @Override
        public String toString() {
            return kind + " " + name + " trace=" + traceId + " span=" + spanId + " parent=" + parentSpanId;
        }
    }

    private final HttpServer server;
    private final List<ReceivedSpan> spans = new CopyOnWriteArrayList<>();
    private final AtomicInteger requests = new AtomicInteger();

    OtlpReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext(PATH, this::receive);
        server.start();
    }

    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + PATH;
    }

    List<ReceivedSpan> spans() {
        return List.copyOf(spans);
    }

    int requests() {
        return requests.get();
    }

    private void receive(HttpExchange exchange) throws IOException {
        try (exchange) {
            requests.incrementAndGet();
            InputStream body = exchange.getRequestBody();
            if ("gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
                body = new GZIPInputStream(body);
            }
            ExportTraceServiceRequest request = ExportTraceServiceRequest.parseFrom(body.readAllBytes());
            request.getResourceSpansList().forEach(resource -> resource.getScopeSpansList()
                    .forEach(scope -> scope.getSpansList().forEach(span -> spans.add(decoded(span)))));
            byte[] answer = ExportTraceServiceResponse.getDefaultInstance().toByteArray();
            exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
            exchange.sendResponseHeaders(200, answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        }
    }

    private static ReceivedSpan decoded(Span span) {
        Map<String, String> attributes = span.getAttributesList().stream()
                .collect(Collectors.toMap(KeyValue::getKey, kv -> kv.getValue().getStringValue(), (a, b) -> b));
        return new ReceivedSpan(hex(span.getTraceId()), hex(span.getSpanId()), hex(span.getParentSpanId()),
                span.getName(), span.getKind(), attributes);
    }

    private static String hex(ByteString bytes) {
        return HexFormat.of().formatHex(bytes.toByteArray());
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
