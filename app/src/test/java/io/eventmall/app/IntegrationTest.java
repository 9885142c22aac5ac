package io.eventmall.app;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

/** One application context, on a random port, against the real PostgreSQL, shared by all integration tests. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(classes = MallApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"dev", "test"})
@Import({CleanDatabase.class, CleanRedis.class, TestApi.Config.class, StoreProbe.class, RequestThreadJdbcCounter.class,
        TestSmtpServer.Config.class, Buyers.class})
public @interface IntegrationTest {
}
