package io.eventmall.app.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventmall.api.ranking.FindBestSellers;
import io.eventmall.api.search.SearchProducts;
import io.eventmall.api.search.SearchUnavailable;
import io.eventmall.query.redis.ReadModelUnavailable;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.queryhandling.DefaultQueryGateway;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.queryhandling.SimpleQueryBus;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.RedisConnectionFailureException;

/**
 * On a real query bus: once the handlers of a dependency's queries have failed with that dependency's errors often
 * enough, its queries are refused without reaching the handler (no timeout is waited for), the breaker's state is a
 * meter, and failures that are answers (a read model being rebuilt) or other queries do not open it.
 */
class QueryCircuitBreakersTest {

    static final ResilienceSettings SETTINGS = new ResilienceSettings(50, 10, 4, Duration.ofSeconds(30), 1,
            List.of("FindBestSellers"), List.of("SearchProducts"));

    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final DependencyBreakers breakers = new DependencyBreakers(SETTINGS, meters);
    final SimpleQueryBus bus = SimpleQueryBus.builder().build();
    final QueryGateway queries = DefaultQueryGateway.builder().queryBus(bus).build();
    final AtomicInteger redisCalls = new AtomicInteger();
    final AtomicInteger searchCalls = new AtomicInteger();

    QueryCircuitBreakersTest() {
        new QueryCircuitBreakers(breakers, SETTINGS, bus);
    }

    @Test
    void aDeadRedisOpensItsBreakerAndLaterQueriesAreRefusedWithoutCallingIt() {
        bus.subscribe(FindBestSellers.class.getName(), Object.class, query -> {
            redisCalls.incrementAndGet();
            throw new RedisConnectionFailureException("Unable to connect to 127.0.0.1:6390");
        });
        for (int i = 0; i < 4; i++) {
            assertThatThrownBy(this::bestSellers).hasRootCauseInstanceOf(RedisConnectionFailureException.class);
        }
        assertThat(state(DependencyBreakers.REDIS, "open")).isEqualTo(1.0);

        assertThatThrownBy(this::bestSellers).isInstanceOf(CompletionException.class)
                .cause().isInstanceOf(DependencyUnavailable.class);
        assertThat(redisCalls).hasValue(4);
        assertThat(state(DependencyBreakers.ELASTICSEARCH, "closed")).isEqualTo(1.0);
    }

    @Test
    void aReadModelBeingRebuiltIsAnAnswerNotAnOutage() {
        bus.subscribe(FindBestSellers.class.getName(), Object.class, query -> {
            redisCalls.incrementAndGet();
            throw new ReadModelUnavailable("best sellers are being rebuilt");
        });
        for (int i = 0; i < 8; i++) {
            assertThatThrownBy(this::bestSellers).hasRootCauseInstanceOf(ReadModelUnavailable.class);
        }
        assertThat(redisCalls).hasValue(8);
        assertThat(state(DependencyBreakers.REDIS, "closed")).isEqualTo(1.0);
    }

    @Test
    void elasticsearchFailuresOpenOnlyTheSearchBreaker() {
        bus.subscribe(SearchProducts.class.getName(), Object.class, query -> {
            searchCalls.incrementAndGet();
            throw new SearchUnavailable("Elasticsearch did not answer: Connection refused", null);
        });
        for (int i = 0; i < 4; i++) {
            assertThatThrownBy(this::search).hasRootCauseInstanceOf(SearchUnavailable.class);
        }
        assertThatThrownBy(this::search).cause().isInstanceOf(DependencyUnavailable.class);
        assertThat(searchCalls).hasValue(4);
        assertThat(state(DependencyBreakers.ELASTICSEARCH, "open")).isEqualTo(1.0);
        assertThat(state(DependencyBreakers.REDIS, "closed")).isEqualTo(1.0);
    }

    @Test
    void aFailingPaymentProviderIsRefusedOnceItsBreakerOpens() {
        AtomicInteger providerCalls = new AtomicInteger();
        for (int i = 0; i < 4; i++) {
            assertThatThrownBy(() -> breakers.call(DependencyBreakers.PAYMENT_PROVIDER, () -> {
                providerCalls.incrementAndGet();
                throw new IllegalStateException("provider answered 502");
            })).isInstanceOf(IllegalStateException.class);
        }
        assertThatThrownBy(() -> breakers.call(DependencyBreakers.PAYMENT_PROVIDER, providerCalls::incrementAndGet))
                .isInstanceOf(DependencyUnavailable.class)
                .satisfies(refused -> assertThat(((DependencyUnavailable) refused).retryAfter()).isEqualTo(Duration.ofSeconds(30)));
        assertThat(providerCalls).hasValue(4);
    }

    private Object bestSellers() {
        return queries.query(new FindBestSellers(null, 10), Object.class).join();
    }

    private Object search() {
        return queries.query(new SearchProducts("shoe", null, null, null, null, 0, 10), Object.class).join();
    }

    private double state(String breaker, String state) {
        return meters.get("resilience4j.circuitbreaker.state").tag("name", breaker).tag("state", state).gauge().value();
    }
}
