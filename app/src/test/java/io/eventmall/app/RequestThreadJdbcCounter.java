package io.eventmall.app;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Counts the PostgreSQL connections taken while an HTTP request is handled, per request path, not those of event
 * processors, schedulers or other requests: a request answered from Redis or the in-process cache takes none. Per
 * path, because the shared context serves other requests meanwhile (a readiness probe asks the database).
 */
@TestConfiguration
public class RequestThreadJdbcCounter {

    private static final ThreadLocal<String> REQUEST_PATH = new ThreadLocal<>();

    /**
     * Connections taken by this context's requests whose path is {@code path} (as the server sees it, e.g.
     * {@code /api/v1/home}). Counted per context (per data source): several test contexts live in one JVM, and
     * another context's requests must not count here.
     */
    public static long connectionsTakenByRequestsTo(DataSource dataSource, String path) {
        AtomicLong taken = ((Counting) dataSource).connectionsByPath.get(path);
        return taken == null ? 0 : taken.get();
    }

    @Bean
    static BeanPostProcessor countConnectionsOfRequests() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                return bean instanceof DataSource dataSource && !(bean instanceof Counting)
                        ? new Counting(dataSource) : bean;
            }
        };
    }

    /** First of all filters, so that the security chain's own reads count too. */
    @Bean
    FilterRegistrationBean<OncePerRequestFilter> rememberTheRequestPath() {
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                REQUEST_PATH.set(request.getRequestURI());
                try {
                    chain.doFilter(request, response);
                } finally {
                    REQUEST_PATH.remove();
                }
            }
        });
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    static final class Counting extends DelegatingDataSource {

        private final Map<String, AtomicLong> connectionsByPath = new ConcurrentHashMap<>();

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
            String path = REQUEST_PATH.get();
            if (path != null) {
                connectionsByPath.computeIfAbsent(path, any -> new AtomicLong()).incrementAndGet();
            }
        }
    }
}
