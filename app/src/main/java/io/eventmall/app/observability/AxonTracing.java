package io.eventmall.app.observability;

import io.opentelemetry.api.OpenTelemetry;
import org.axonframework.tracing.SpanFactory;
import org.axonframework.tracing.opentelemetry.OpenTelemetrySpanFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Axon's spans (command dispatch and handling, event publication, event and saga handling, deadlines) on the
 * OpenTelemetry SDK that Spring Boot configures for Micrometer Tracing, so they belong to the HTTP request's trace
 * and are exported with it when {@code management.otlp.tracing.endpoint} is set.
 *
 * <p>Axon's own auto-configuration builds its span factory from {@code GlobalOpenTelemetry}, which Spring Boot never
 * sets: its tracer would be a no-op and its propagator would write nothing into the messages' metadata, so an event
 * handled on a processor thread would start a trace of its own. This one takes Spring Boot's tracer and propagator
 * (W3C {@code traceparent}, written into every message's metadata and read back by the handler).
 */
@Configuration(proxyBeanMethods = false)
public class AxonTracing {

    static final String INSTRUMENTATION_SCOPE = "AxonFramework-OpenTelemetry";

    @Bean
    public SpanFactory axonSpanFactory(OpenTelemetry openTelemetry) {
        return OpenTelemetrySpanFactory.builder()
                .tracer(openTelemetry.getTracer(INSTRUMENTATION_SCOPE))
                .contextPropagators(openTelemetry.getPropagators().getTextMapPropagator())
                .build();
    }
}
