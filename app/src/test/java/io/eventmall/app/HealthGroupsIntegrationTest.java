package io.eventmall.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventmall.query.redis.RedisReadModelState;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Liveness is the JVM alone; readiness is whether this node can serve: PostgreSQL, Redis, Elasticsearch, the event
 * processors and the Redis read models. While the read models are rebuilt after Redis lost them, the node is not
 * ready (its home and ranking reads answer 503) but stays alive.
 */
@IntegrationTest
class HealthGroupsIntegrationTest {

    @Autowired
    TestApi api;
    @Autowired
    StringRedisTemplate redis;

    @Test
    void readinessNamesEveryDependencyAndLivenessOnlyTheJvm() {
        String admin = api.adminToken();
        TestApi.Response readiness = api.eventually("/actuator/health/readiness", admin, r -> r.status() == 200);
        assertThat(readiness.text("status")).isEqualTo("UP");
        assertThat(readiness.body().path("components").fieldNames()).toIterable().containsExactlyInAnyOrder(
                "readinessState", "db", "redis", "elasticsearch", "eventProcessors", "redisReadModel");

        TestApi.Response liveness = api.get("/actuator/health/liveness", admin);
        assertThat(liveness.status()).isEqualTo(200);
        assertThat(liveness.body().path("components").fieldNames()).toIterable().containsExactly("livenessState");
        // Anonymous callers (probes) get the status alone.
        TestApi.Response anonymous = api.get("/actuator/health/readiness", null);
        assertThat(anonymous.status()).isEqualTo(200);
        assertThat(anonymous.body().has("components")).isFalse();
    }

    @Test
    void notReadyWhileTheRedisReadModelsAreRebuiltButAlive() throws Exception {
        api.eventually("/actuator/health/readiness", null, r -> r.status() == 200);
        List<Integer> readiness = new CopyOnWriteArrayList<>();
        List<Integer> liveness = new CopyOnWriteArrayList<>();
        Thread prober = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                readiness.add(api.get("/actuator/health/readiness", null).status());
                liveness.add(api.get("/actuator/health/liveness", null).status());
            }
        });
        redis.delete(RedisReadModelState.EPOCH_KEY);  // what a Redis restart without persistence looks like
        prober.start();
        try {
            Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
                    .until(() -> readiness.contains(503) && readiness.get(readiness.size() - 1) == 200
                            && Boolean.TRUE.equals(redis.hasKey(RedisReadModelState.EPOCH_KEY)));
        } finally {
            prober.interrupt();
            prober.join(5_000);
        }
        assertThat(readiness).containsOnly(200, 503);
        assertThat(liveness).containsOnly(200);
    }
}
