package io.eventmall.app.observability;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.sdk.trace.export.SpanExporter;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.autoconfigure.tracing.otlp.OtlpTracingAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** Spring Boot's OTLP tracing configuration with an empty endpoint, as deploy/docker-compose.yml passes one. */
class BlankOtlpEndpointIsOffTest {

    private final ApplicationContextRunner otlp = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(OtlpTracingAutoConfiguration.class));

    @Test
    void anEmptyEndpointAloneFailsTheStart() {
        otlp.withPropertyValues("management.otlp.tracing.endpoint=").run(context ->
                assertThat(context).hasFailed().getFailure().hasStackTraceContaining("Invalid endpoint"));
    }

    @Test
    void anEmptyEndpointSwitchesExportOff() {
        otlp.withPropertyValues("management.otlp.tracing.endpoint= ")
                .withInitializer(context -> new BlankOtlpEndpointIsOff().postProcessEnvironment(context.getEnvironment(), null))
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context).doesNotHaveBean(SpanExporter.class);
                    assertThat(context.getEnvironment().getProperty("management.otlp.tracing.export.enabled")).isEqualTo("false");
                });
    }

    @Test
    void anExplicitExportSettingWins() {
        otlp.withPropertyValues("management.otlp.tracing.endpoint=", "management.otlp.tracing.export.enabled=true")
                .withInitializer(context -> new BlankOtlpEndpointIsOff().postProcessEnvironment(context.getEnvironment(), null))
                .run(context -> assertThat(context).hasFailed());
    }

    @Test
    void aRealEndpointIsLeftAlone() {
        otlp.withPropertyValues("management.otlp.tracing.endpoint=http://collector:4318/v1/traces")
                .withInitializer(context -> new BlankOtlpEndpointIsOff().postProcessEnvironment(context.getEnvironment(), null))
                .run(context -> assertThat(context).hasSingleBean(SpanExporter.class));
    }
}
