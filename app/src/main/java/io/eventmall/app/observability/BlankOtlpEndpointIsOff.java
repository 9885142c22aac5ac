package io.eventmall.app.observability;

import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * An empty {@code management.otlp.tracing.endpoint} means "no export", as an unset one does. Spring Boot counts an
 * empty value as set and builds an exporter that refuses it, failing the start ("Invalid endpoint, must start with
 * http:// or https://"); deployment files pass the variable through empty when no collector is named
 * ({@code MANAGEMENT_OTLP_TRACING_ENDPOINT: ${MANAGEMENT_OTLP_TRACING_ENDPOINT:-}} in deploy/docker-compose.yml).
 * Here an empty endpoint reads as {@code management.otlp.tracing.export.enabled=false} instead.
 */
public class BlankOtlpEndpointIsOff implements EnvironmentPostProcessor, Ordered {

    static final String ENDPOINT = "management.otlp.tracing.endpoint";
    static final String EXPORT_ENABLED = "management.otlp.tracing.export.enabled";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String endpoint = environment.getProperty(ENDPOINT);
        if (endpoint != null && endpoint.isBlank()) {
            // Last, so that an explicit export.enabled still wins. Decided from the configuration known at start-up
            // (files, environment, arguments); a property a test adds later to the context is not seen here.
            environment.getPropertySources().addLast(
                    new MapPropertySource("blankOtlpEndpointIsOff", Map.of(EXPORT_ENABLED, "false")));
        }
    }

    /** After the config files are loaded (ConfigDataEnvironmentPostProcessor), so their values are seen. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
