package io.eventmall.app;

import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.flyway.FlywayMigrationStrategy;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Every test run starts from an empty, freshly migrated schema: no state leaks between runs. A schema is
 * cleaned once per JVM: a second context on it must not pull the tables from under a context still alive
 * in Spring's test context cache. Contexts whose processors must not meet (another payment timeout) get
 * a schema of their own.
 */
@TestConfiguration
public class CleanDatabase {

    private static final Set<String> CLEANED = ConcurrentHashMap.newKeySet();

    @Bean
    FlywayMigrationStrategy cleanThenMigrate(@Value("${spring.datasource.url}") String url) {
        return flyway -> {
            if (CLEANED.add(url + Arrays.toString(flyway.getConfiguration().getSchemas()))) {
                flyway.clean();
            }
            flyway.migrate();
        };
    }
}
