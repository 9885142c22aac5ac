package io.eventmall.app.resilience;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.eventmall.api.search.SearchUnavailable;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.data.redis.RedisSystemException;
import org.springframework.stereotype.Component;

/**
 * One circuit breaker per dependency, in Micrometer as {@code resilience4j_circuitbreaker_state{name,state}} (and
 * calls, failure rate). A breaker counts only failures of its own dependency: a read model being rebuilt or a
 * refused request is an answer, not an outage.
 */
@Component
public class DependencyBreakers {

    public static final String REDIS = "redis";
    public static final String ELASTICSEARCH = "elasticsearch";
    public static final String PAYMENT_PROVIDER = "payment-provider";

    private final CircuitBreakerRegistry registry;
    private final ResilienceSettings settings;

    DependencyBreakers(ResilienceSettings settings, MeterRegistry meters) {
        this.settings = settings;
        this.registry = CircuitBreakerRegistry.ofDefaults();
        registry.circuitBreaker(REDIS, config(DependencyBreakers::redisFailure));
        registry.circuitBreaker(ELASTICSEARCH, config(failure -> causedBy(failure, SearchUnavailable.class, IOException.class)));
        registry.circuitBreaker(PAYMENT_PROVIDER, config(failure -> true));
        TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(registry).bindTo(meters);
    }

    public CircuitBreaker breaker(String dependency) {
        return registry.circuitBreaker(dependency);
    }

    /** Runs the call through the dependency's breaker; refuses it at once while the breaker is open. */
    public <T> T call(String dependency, Supplier<T> call) {
        try {
            return callChecked(dependency, call::get);
        } catch (RuntimeException failure) {
            throw failure;
        } catch (Exception notThrownByASupplier) {
            throw new IllegalStateException(notThrownByASupplier);
        }
    }

    /** As {@link #call}, for a call that may throw checked exceptions (a message handler chain). */
    public <T> T callChecked(String dependency, CheckedCall<T> call) throws Exception {
        CircuitBreaker breaker = breaker(dependency);
        if (!breaker.tryAcquirePermission()) {
            throw new DependencyUnavailable(dependency, settings.waitInOpenState());
        }
        long start = breaker.getCurrentTimestamp();
        try {
            T result = call.call();
            breaker.onResult(breaker.getCurrentTimestamp() - start, breaker.getTimestampUnit(), result);
            return result;
        } catch (Exception | Error failure) {
            breaker.onError(breaker.getCurrentTimestamp() - start, breaker.getTimestampUnit(), failure);
            throw failure;
        }
    }

    @FunctionalInterface
    public interface CheckedCall<T> {
        T call() throws Exception;
    }

    private CircuitBreakerConfig config(Predicate<Throwable> recorded) {
        return CircuitBreakerConfig.custom()
                .failureRateThreshold(settings.failureRateThreshold())
                .slidingWindowSize(settings.slidingWindowSize())
                .minimumNumberOfCalls(settings.minimumNumberOfCalls())
                .waitDurationInOpenState(settings.waitInOpenState())
                .permittedNumberOfCallsInHalfOpenState(settings.permittedCallsInHalfOpenState())
                .automaticTransitionFromOpenToHalfOpenEnabled(true)
                .recordException(recorded::test)
                .build();
    }

    private static boolean redisFailure(Throwable failure) {
        return causedBy(failure, RedisSystemException.class, DataAccessResourceFailureException.class,
                io.lettuce.core.RedisException.class);
    }

    @SafeVarargs
    private static boolean causedBy(Throwable failure, Class<? extends Throwable>... types) {
        for (Throwable current = failure; current != null; current = current.getCause() == current ? null : current.getCause()) {
            for (Class<? extends Throwable> type : types) {
                if (type.isInstance(current)) {
                    return true;
                }
            }
        }
        return false;
    }
}
