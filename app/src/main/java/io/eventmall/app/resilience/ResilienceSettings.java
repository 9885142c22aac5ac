package io.eventmall.app.resilience;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code mall.resilience.*}: when a breaker opens (the failure rate over the last calls) and how long it stays open,
 * and which queries read which dependency (query class simple names).
 */
@ConfigurationProperties("mall.resilience")
public record ResilienceSettings(
        @DefaultValue("50") float failureRateThreshold,
        @DefaultValue("20") int slidingWindowSize,
        @DefaultValue("5") int minimumNumberOfCalls,
        @DefaultValue("PT10S") Duration waitInOpenState,
        @DefaultValue("3") int permittedCallsInHalfOpenState,
        @DefaultValue({"FindBestSellers", "FindTopMerchants"}) List<String> redisQueries,
        @DefaultValue("SearchProducts") List<String> elasticsearchQueries) {
}
