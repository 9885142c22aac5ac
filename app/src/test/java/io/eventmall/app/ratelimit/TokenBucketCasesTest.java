package io.eventmall.app.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventmall.app.IntegrationTest;
import io.eventmall.app.ratelimit.RateLimiter.Limit;
import io.eventmall.app.ratelimit.TokenBuckets.Probe;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.data.redis.RedisProperties;

/**
 * One table of cases run against the buckets in Redis (the Lua script) and this node's buckets (Bucket4j, the
 * fallback), so that a limit means the same wherever it is counted and the two cannot drift apart.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TokenBucketCasesTest {

    @Autowired
    RedisProperties redis;
    private RedisTokenBuckets inRedis;

    @BeforeAll
    void connect() {
        Duration timeout = Duration.ofMillis(500);
        inRedis = new RedisTokenBuckets(RateLimitConfig.client(redis.getHost(), redis.getPort(), redis.getDatabase(),
                redis.getPassword(), timeout));
    }

    @AfterAll
    void close() {
        inRedis.close();
    }

    /** A step of a case and what it must answer: a token or not, and if not, how long until one (a range). */
    private record Step(String action, boolean available, Duration waitAtLeast, Duration waitAtMost) {

        static Step take(boolean available) {
            return new Step("take", available, Duration.ZERO, Duration.ZERO);
        }

        static Step look(boolean available) {
            return new Step("look", available, Duration.ZERO, Duration.ZERO);
        }

        static Step takeRefused(Duration waitAtLeast, Duration waitAtMost) {
            return new Step("take", false, waitAtLeast, waitAtMost);
        }

        static Step lookRefused(Duration waitAtLeast, Duration waitAtMost) {
            return new Step("look", false, waitAtLeast, waitAtMost);
        }

        static Step pause(Duration pause) {
            return new Step("pause", true, pause, pause);
        }
    }

    private record Case(String name, long permits, Duration period, List<Step> steps) {

        @Override
        public String toString() {
            return name;
        }
    }

    private static final List<Case> CASES = List.of(
            new Case("a full bucket gives its capacity, then says how long until the next token", 3,
                    Duration.ofMinutes(1), List.of(Step.take(true), Step.take(true), Step.take(true),
                    Step.takeRefused(Duration.ofSeconds(19), Duration.ofSeconds(20)))),
            new Case("looking takes nothing", 2, Duration.ofMinutes(1), List.of(Step.look(true), Step.look(true),
                    Step.look(true), Step.take(true), Step.look(true), Step.take(true),
                    Step.lookRefused(Duration.ofSeconds(29), Duration.ofSeconds(30)),
                    Step.takeRefused(Duration.ofSeconds(29), Duration.ofSeconds(30)))),
            new Case("a refused take takes nothing either", 1, Duration.ofMinutes(1), List.of(Step.take(true),
                    Step.takeRefused(Duration.ofSeconds(59), Duration.ofSeconds(60)),
                    Step.takeRefused(Duration.ofSeconds(59), Duration.ofSeconds(60)))),
            // Periods of seconds, so that a stalled test machine (hundreds of milliseconds) cannot change an outcome.
            new Case("tokens come back greedily, one per period over permits", 2, Duration.ofSeconds(2),
                    List.of(Step.take(true), Step.take(true),
                            Step.takeRefused(Duration.ofMillis(500), Duration.ofSeconds(1)),
                            Step.pause(Duration.ofMillis(1_200)), Step.take(true),
                            Step.takeRefused(Duration.ZERO, Duration.ofSeconds(1)))),
            new Case("an idle bucket fills up to its capacity, no more", 2, Duration.ofSeconds(2),
                    List.of(Step.take(true), Step.pause(Duration.ofMillis(2_500)), Step.take(true), Step.take(true),
                            Step.takeRefused(Duration.ofMillis(1), Duration.ofSeconds(1)))));

    Stream<Arguments> casesOnBothBuckets() {
        return CASES.stream().flatMap(example -> Stream.of(
                Arguments.of("redis", example), Arguments.of("local", example)));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("casesOnBothBuckets")
    void bucketsAnswerAsTheTableSays(String where, Case example) throws InterruptedException {
        TokenBuckets buckets = where.equals("redis") ? inRedis : new LocalTokenBuckets();
        Limit limit = Limit.of("cases-" + UUID.randomUUID(), example.permits(), example.period());
        for (int i = 0; i < example.steps().size(); i++) {
            Step step = example.steps().get(i);
            if (step.action().equals("pause")) {
                Thread.sleep(step.waitAtLeast().toMillis());
                continue;
            }
            Probe probe = step.action().equals("take") ? buckets.take(limit, "someone") : buckets.look(limit, "someone");
            String described = example.name() + ", step " + (i + 1) + " (" + step.action() + ")";
            assertThat(probe.available()).as(described).isEqualTo(step.available());
            if (!step.available()) {
                assertThat(Duration.ofNanos(probe.nanosToWait())).as(described)
                        .isBetween(step.waitAtLeast(), step.waitAtMost());
            }
        }
    }
}
