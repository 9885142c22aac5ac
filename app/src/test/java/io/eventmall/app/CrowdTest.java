package io.eventmall.app;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.test.context.TestPropertySource;

/**
 * An integration test that sells to a crowd (thousands of purchases, and the orders that follow), flushes Redis or
 * kills a node: it runs on a schema, a Redis database and search indices of its own, shared by every crowd test, so
 * that the work it leaves to the event processors, and what it does to Redis, never reach the other tests.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@IntegrationTest
@TestPropertySource(properties = {
        "spring.datasource.url=jdbc:postgresql://${mall.test.postgres.address:127.0.0.1:5432}/mall_test?currentSchema=crowd",
        "spring.flyway.schemas=crowd",
        "spring.data.redis.database=6",
        "mall.elasticsearch.index-prefix=mall-test-crowd"})
public @interface CrowdTest {
}
