package io.eventmall.testservers;

import java.util.Locale;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;

/** Where a test run takes PostgreSQL, Redis and Elasticsearch from. */
public enum ServerSource {

    /** The servers on 127.0.0.1 that scripts/servers.sh starts (5432, 6379, 9200). */
    LOCAL,
    /** Containers of their own, started once per test JVM by Testcontainers. */
    CONTAINERS;

    /** System property that overrides the choice: {@code local}, {@code containers} or {@code auto}. */
    public static final String PROPERTY = "mall.test.servers";
    /** Environment variable for the same, read when the system property is not set. */
    public static final String VARIABLE = "MALL_TEST_SERVERS";

    /**
     * The choice: as requested ({@code local}, {@code containers}), or, when nothing or {@code auto} is requested,
     * containers exactly when a Docker engine answers. Asking for containers without an engine fails when they start,
     * rather than quietly testing against something else.
     */
    public static ServerSource decide(String requested, BooleanSupplier dockerAvailable) {
        String choice = requested == null || requested.isBlank() ? "auto" : requested.trim().toLowerCase(Locale.ROOT);
        return switch (choice) {
            case "local" -> LOCAL;
            case "containers" -> CONTAINERS;
            case "auto" -> dockerAvailable.getAsBoolean() ? CONTAINERS : LOCAL;
            default -> throw new IllegalArgumentException(
                    PROPERTY + " / " + VARIABLE + " is '" + requested + "'; expected local, containers or auto");
        };
    }

    /** What was requested: the system property, else the environment variable, else nothing (null). */
    public static String requested(UnaryOperator<String> systemProperties, UnaryOperator<String> environment) {
        String property = systemProperties.apply(PROPERTY);
        return property != null && !property.isBlank() ? property : environment.apply(VARIABLE);
    }
}
