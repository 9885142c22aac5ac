package io.eventmall.app;

import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.boot.autoconfigure.flyway.FlywayMigrationStrategy;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Every test run starts from an empty, freshly migrated schema: no state leaks between runs. Only the
 * first application context of the JVM cleans; a later one (other properties) must not pull the tables
 * from under the contexts still alive in Spring's test context cache.
 */
@TestConfiguration
public class CleanDatabase {

    private static final AtomicBoolean CLEANED = new AtomicBoolean();

    @Bean
    FlywayMigrationStrategy cleanThenMigrate() {
        return flyway -> {
            if (CLEANED.compareAndSet(false, true)) {
                flyway.clean();
            }
            flyway.migrate();
        };
    }
}
