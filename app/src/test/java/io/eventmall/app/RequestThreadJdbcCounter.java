package io.eventmall.app;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * Counts the PostgreSQL connections taken on HTTP request threads (Tomcat's "-exec-" workers), not on event
 * processors or schedulers: a request answered from Redis or the in-process cache takes none.
 */
@TestConfiguration
public class RequestThreadJdbcCounter {

    /**
     * Connections taken by this context's request threads. Counted per context (per data source): several test
     * contexts live in one JVM, and another context's requests must not count here.
     */
    public static long connectionsTakenByRequests(DataSource dataSource) {
        return ((Counting) dataSource).connections.get();
    }

    @Bean
    static BeanPostProcessor countConnectionsOfRequestThreads() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                return bean instanceof DataSource dataSource && !(bean instanceof Counting)
                        ? new Counting(dataSource) : bean;
            }
        };
    }

    static final class Counting extends DelegatingDataSource {

        private final AtomicLong connections = new AtomicLong();

        Counting(DataSource target) {
            super(target);
        }

        @Override
        public Connection getConnection() throws SQLException {
            count();
            return super.getConnection();
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            count();
            return super.getConnection(username, password);
        }

        private void count() {
            if (Thread.currentThread().getName().contains("-exec-")) {
                connections.incrementAndGet();
            }
        }
    }
}
