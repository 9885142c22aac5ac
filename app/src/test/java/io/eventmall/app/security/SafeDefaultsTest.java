package io.eventmall.app.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.eventmall.app.MallApplication;
import io.eventmall.saga.payment.SandboxPaymentProvider;
import io.eventmall.saga.payment.WebhookSignature;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.jdbc.core.JdbcTemplate;

/** Without the dev profile nothing starts with a missing or published secret, and the sandbox is off. */
class SafeDefaultsTest {

    private static final String DEV_JWT = "dev-only-jwt-secret-change-me-0123456789abcdef";

    @Test
    void aPlainStartWithoutSecretsIsRefusedNamingEachProperty() {
        SpringApplication plain = new SpringApplicationBuilder(MallApplication.class)
                .web(WebApplicationType.NONE).build();

        assertThatThrownBy(plain::run)
                .hasStackTraceContaining("mall.security.jwt-secret is not set")
                .hasStackTraceContaining("mall.security.bootstrap-admin.password is not set")
                .hasStackTraceContaining("mall.payment.webhook-secret is not set");
    }

    @Test
    void theCommittedDevelopmentValuesAreRefusedOutsideTheDevProfile() {
        SpringApplication plain = new SpringApplicationBuilder(MallApplication.class)
                .web(WebApplicationType.NONE).build();

        assertThatThrownBy(() -> plain.run("--mall.security.jwt-secret=" + DEV_JWT,
                "--mall.security.bootstrap-admin.password=a-real-admin-password",
                "--mall.payment.webhook-secret=a-real-webhook-secret"))
                .hasStackTraceContaining("mall.security.jwt-secret is the committed development value")
                .satisfies(refused -> assertThat(refused.toString()).doesNotContain("bootstrap-admin.password is"));
    }

    @Test
    void secretsOfTheirOwnPass() {
        StandardEnvironment environment = environment(Map.of(
                "mall.security.jwt-secret", "an-operator-chosen-secret-of-enough-length-0123",
                "mall.security.bootstrap-admin.password", "an-operator-chosen-password",
                "mall.payment.webhook-secret", "an-operator-chosen-webhook-secret"));

        new DevelopmentSecretsGuard().postProcessEnvironment(environment, new SpringApplication());
    }

    @Test
    void theDevProfileMayUseTheDevelopmentValues() {
        StandardEnvironment environment = environment(Map.of("mall.security.jwt-secret", DEV_JWT));
        environment.setActiveProfiles("dev");

        new DevelopmentSecretsGuard().postProcessEnvironment(environment, new SpringApplication());
    }

    @Test
    void theSandboxProviderIsOffUnlessEnabled() {
        ApplicationContextRunner runner = new ApplicationContextRunner()
                .withBean(JdbcTemplate.class, () -> new JdbcTemplate(new org.springframework.jdbc.datasource.SimpleDriverDataSource()))
                .withBean(WebhookSignature.class, () -> new WebhookSignature("a-secret"))
                .withBean(ObjectMapper.class, ObjectMapper::new)
                .withBean(Clock.class, Clock::systemUTC)
                .withUserConfiguration(SandboxPaymentProvider.class);

        runner.run(context -> assertThat(context).doesNotHaveBean(SandboxPaymentProvider.class));
        runner.withPropertyValues("mall.payment.sandbox.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(SandboxPaymentProvider.class));
        runner.withPropertyValues("mall.payment.sandbox.enabled=true")
                .run(context -> assertThat(context).hasSingleBean(SandboxPaymentProvider.class));
    }

    private static StandardEnvironment environment(Map<String, Object> properties) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("given", properties));
        return environment;
    }
}
