package io.eventmall.app.resilience;

import java.time.Duration;

/** A call refused without trying because the dependency's circuit breaker is open. */
public class DependencyUnavailable extends RuntimeException {

    private final Duration retryAfter;

    DependencyUnavailable(String dependency, Duration retryAfter) {
        super(dependency + " is failing; calls to it are refused for now", null, false, false);
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
