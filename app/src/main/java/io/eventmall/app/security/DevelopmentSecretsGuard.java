package io.eventmall.app.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

/**
 * Refuses to start a deployment that would run with no secret or with a published one: unless the {@code dev}
 * profile is active, each of {@link #SECRETS} must be set and differ from its value in the committed
 * {@code application-dev.yml}. Runs before any bean exists, so nothing (no admin, no token) is ever created
 * with a known secret.
 */
public class DevelopmentSecretsGuard implements EnvironmentPostProcessor, Ordered {

    public static final String DEV_PROFILE = "dev";
    static final List<String> SECRETS = List.of("mall.security.jwt-secret", "mall.security.bootstrap-admin.password",
            "mall.payment.webhook-secret");
    private static final String DEV_FILE = "application-dev.yml";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (environment.matchesProfiles(DEV_PROFILE)) {
            return;
        }
        List<PropertySource<?>> developmentValues = developmentValues();
        List<String> problems = new ArrayList<>();
        for (String secret : SECRETS) {
            String value = environment.getProperty(secret);
            if (value == null || value.isBlank()) {
                problems.add(secret + " is not set");
            } else if (developmentValues.stream().anyMatch(dev -> Objects.equals(value, String.valueOf(dev.getProperty(secret))))) {
                problems.add(secret + " is the committed development value");
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("refusing to start without the '" + DEV_PROFILE + "' profile: "
                    + String.join("; ", problems) + " (set it, e.g. through its environment variable, to a secret"
                    + " of your own, or activate the '" + DEV_PROFILE + "' profile for development)");
        }
    }

    private static List<PropertySource<?>> developmentValues() {
        ClassPathResource file = new ClassPathResource(DEV_FILE);
        if (!file.exists()) {
            return List.of();
        }
        try {
            return new YamlPropertySourceLoader().load(DEV_FILE, file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + DEV_FILE, e);
        }
    }

    /** After the config files are loaded (ConfigDataEnvironmentPostProcessor), so their values are seen. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
