package io.eventmall.benchmarks;

import java.time.Duration;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * What one endpoint did under load: successful (2xx) answers per second and their latency; every other
 * answer (404 and 405 for endpoints not built yet, 5xx, I/O failures) is counted as an error by kind.
 */
record EndpointResult(String name, String path, long succeeded, Map<String, Long> errors, Duration elapsed,
                      Histogram latencyMicros) {

    double perSecond() {
        return succeeded / (elapsed.toNanos() / 1e9);
    }

    double percentileMillis(double percentile) {
        return succeeded == 0 ? Double.NaN : latencyMicros.getValueAtPercentile(percentile) / 1000.0;
    }

    double maxMillis() {
        return succeeded == 0 ? Double.NaN : latencyMicros.getMaxValue() / 1000.0;
    }

    long errorCount() {
        return errors.values().stream().mapToLong(Long::longValue).sum();
    }
}
