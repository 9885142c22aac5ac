package io.eventmall.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventmall.saga.order.OrderFulfilment;
import io.eventmall.testservers.TestServers;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.HashSet;
import java.util.Set;
import org.awaitility.Awaitility;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Payment deadlines live in PostgreSQL (db-scheduler): they survive a restart and fire once however many
 * instances share the database. These tests start and stop whole applications on a database of their own.
 */
class DurableDeadlineIntegrationTest {

    private static final String DATABASE = "mall_test_deadlines";
    private static final String URL = TestServers.jdbcUrl(DATABASE);
    private static final String ADMIN_PASSWORD = "admin-dev-password";

    @BeforeEach
    void emptyDatabase() throws SQLException {
        try (Connection admin = DriverManager.getConnection(TestServers.jdbcUrl("postgres"), "postgres", "postgres")) {
            boolean exists = admin.createStatement()
                    .executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'").next();
            if (!exists) {
                admin.createStatement().execute("CREATE DATABASE " + DATABASE);
            }
        }
        Flyway.configure().dataSource(URL, "postgres", "postgres").cleanDisabled(false).load().clean();
    }

    @Test
    void aDeadlineSurvivesARestartAndFiresOnTime() {
        String orderId;
        TestApi.User customer;
        try (ConfigurableApplicationContext first = start()) {
            TestApi api = api(first);
            String productId = api.newProduct(api.adminToken(), 1_000, 3);
            customer = api.newCustomer();
            orderId = api.awaitingPaymentOrder(customer, productId, 1);
        }
        try (ConfigurableApplicationContext second = start()) {
            TestApi api = api(second);
            TestApi.Response expired = Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                    .until(() -> api.get("/orders/" + orderId, customer.token()), r -> "EXPIRED".equals(r.text("status")));
            Instant deadline = Instant.parse(expired.text("paymentDeadline"));
            Instant closedAt = Instant.parse(expired.body().path("history").get(2).path("at").asText());
            assertThat(closedAt).isAfterOrEqualTo(deadline);
            assertThat(deadlinesFired(second)).isEqualTo(1);
        }
    }

    @Test
    void twoInstancesOnOneDatabaseFireADeadlineOnce() {
        try (ConfigurableApplicationContext one = start(); ConfigurableApplicationContext other = start()) {
            TestApi api = api(one);
            String productId = api.newProduct(api.adminToken(), 1_000, 3);
            TestApi.User customer = api.newCustomer();
            String orderId = api.awaitingPaymentOrder(customer, productId, 1);
            api.eventually("/orders/" + orderId, customer.token(), r -> "EXPIRED".equals(r.text("status")));
            // Leave time for a second firing, should one be coming.
            Awaitility.await().pollDelay(Duration.ofSeconds(3)).until(() -> true);
            assertThat(deadlinesFired(one) + deadlinesFired(other)).isEqualTo(1);
            // The two instances share one JVM, hence one JVM name: each still claims segments as a node of its own.
            Set<Integer> ofOne = segmentsProcessedBy(one, "OrderFulfilmentProcessor");
            Set<Integer> ofOther = segmentsProcessedBy(other, "OrderFulfilmentProcessor");
            assertThat(Collections.disjoint(ofOne, ofOther)).as("segments of one %s, of the other %s", ofOne, ofOther)
                    .isTrue();
            assertThat(union(ofOne, ofOther)).containsExactlyInAnyOrder(0, 1, 2, 3);
        }
    }

    private static ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(MallApplication.class).profiles("dev", "test").run(
                "--server.port=0", "--spring.datasource.url=" + URL, "--mall.order.payment-timeout=PT4S",
                // Its read models stay out of the shared test Redis database, like its events out of mall_test.
                "--spring.data.redis.database=5", "--mall.elasticsearch.index-prefix=mall-test-deadlines",
                "--mall.security.bootstrap-admin.password=" + ADMIN_PASSWORD);
    }

    private static TestApi api(ConfigurableApplicationContext context) {
        int port = Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
        return new TestApi(port, "admin", ADMIN_PASSWORD);
    }

    private static Set<Integer> segmentsProcessedBy(ConfigurableApplicationContext context, String processor) {
        return context.getBean(EventProcessingConfiguration.class).eventProcessor(processor, StreamingEventProcessor.class)
                .orElseThrow().processingStatus().keySet();
    }

    private static Set<Integer> union(Set<Integer> some, Set<Integer> others) {
        Set<Integer> all = new HashSet<>(some);
        all.addAll(others);
        return all;
    }

    private static double deadlinesFired(ConfigurableApplicationContext context) {
        return context.getBean(MeterRegistry.class).find(OrderFulfilment.DEADLINES_FIRED).counters().stream()
                .mapToDouble(counter -> counter.count()).sum();
    }

}
