package io.eventmall.app.ratelimit;

import io.eventmall.app.ratelimit.RateLimiter.Limit;
import io.eventmall.query.redis.RedisScripts;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * Buckets in Redis, each taken or looked at by one Lua script call ({@code redis/rate-limit-take.lua}): one round
 * trip, where Bucket4j's compare-and-swap over Redis needed a read and a conditional write (a sixth of a flash-sale
 * purchase request's CPU in the spike's profile). Connected on first use rather than at start-up, so that the service
 * starts and serves while Redis is down; after a failed connection attempt the next one waits
 * {@link #RECONNECT_PAUSE}, meanwhile every call fails at once and {@link RateLimiter} uses this node's buckets.
 */
final class RedisTokenBuckets implements TokenBuckets, AutoCloseable {

    static final Duration RECONNECT_PAUSE = Duration.ofSeconds(5);
    private static final RedisScript<List> TAKE = RedisScripts.load("rate-limit-take.lua", List.class);
    /** Taken once: the script object computes its digest under a lock on every call. */
    private static final String TAKE_SHA1 = TAKE.getSha1();
    private static final byte[] TAKE_TEXT = TAKE.getScriptAsString().getBytes(StandardCharsets.UTF_8);
    /** Not Bucket4j's {@code mall:rate:}: a key it left behind holds another type, and the script would fail on it. */
    private static final String KEY_PREFIX = "mall:rate-bucket:";

    private final RedisClient client;
    /** Read without the lock on every call; written once, under it. */
    private volatile StatefulRedisConnection<String, String> connection;
    private Instant nextAttempt = Instant.MIN;

    RedisTokenBuckets(RedisClient client) {
        this.client = client;
    }

    @Override
    public Probe take(Limit limit, String key) {
        return run(limit, key, "1");
    }

    @Override
    public Probe look(Limit limit, String key) {
        return run(limit, key, "0");
    }

    private Probe run(Limit limit, String key, String take) {
        RedisCommands<String, String> redis = commands();
        String[] keys = {KEY_PREFIX + limit.name() + ":" + key};
        String[] args = {Long.toString(limit.permits()), Long.toString(limit.period().toNanos() / 1_000), take};
        List<Long> answer;
        try {
            answer = redis.evalsha(TAKE_SHA1, ScriptOutputType.MULTI, keys, args);
        } catch (RedisNoScriptException notLoadedYet) {
            // A restarted Redis has forgotten the script: the full text loads it again.
            answer = redis.eval(TAKE_TEXT, ScriptOutputType.MULTI, keys, args);
        }
        return answer.get(0) == 1 ? Probe.AVAILABLE : new Probe(false, TimeUnit.MICROSECONDS.toNanos(answer.get(1)));
    }

    private RedisCommands<String, String> commands() {
        StatefulRedisConnection<String, String> connected = connection;
        return connected != null ? connected.sync() : connect();
    }

    private synchronized RedisCommands<String, String> connect() {
        if (connection != null) {
            return connection.sync();
        }
        if (Instant.now().isBefore(nextAttempt)) {
            throw new IllegalStateException("Redis for rate limits unreachable; next attempt at " + nextAttempt);
        }
        try {
            connection = client.connect();
        } catch (RuntimeException unreachable) {
            nextAttempt = Instant.now().plus(RECONNECT_PAUSE);
            throw unreachable;
        }
        return connection.sync();
    }

    @Override
    public synchronized void close() {
        if (connection != null) {
            connection.close();
        }
        client.shutdown();
    }
}
