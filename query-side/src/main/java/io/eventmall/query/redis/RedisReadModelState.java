package io.eventmall.query.redis;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * Whether the Redis read models (home, rankings, recommendations, the flash-sale gate) can be trusted. Redis keeps
 * nothing on disk here: a restart, a FLUSHDB or a failover leaves it empty, and an empty home page must not be
 * presented as the truth. The epoch key exists only while the read models are complete (it is written once a rebuild
 * has caught up and deleted by nothing but such a loss); {@code RedisReadModelRecovery} in the app module watches it
 * and rebuilds the read models from the event store when it disappears. Meanwhile readers answer 503, and the gate
 * lets the FlashSale aggregate decide alone.
 */
@Component
public class RedisReadModelState {

    /** Present while the Redis read models hold everything the event store says; its value names the rebuild. */
    public static final String EPOCH_KEY = "mall:epoch";

    private final StringRedisTemplate redis;
    private volatile boolean trusted = true;

    RedisReadModelState(StringRedisTemplate redis) {
        this.redis = redis;
    }

    /** This node's view, updated by the recovery's checks (about once a second). */
    public boolean isTrusted() {
        return trusted;
    }

    /**
     * For readers that must not answer from a Redis that lost its data: besides this node's view, the epoch key is
     * looked up (one EXISTS), so that the second between a loss and the next check cannot serve an empty page.
     */
    public void requireTrusted(String what) {
        if (!trusted || !Boolean.TRUE.equals(redis.hasKey(EPOCH_KEY))) {
            throw new ReadModelUnavailable(what + " is being rebuilt after Redis lost its data");
        }
    }

    public void trust(boolean trusted) {
        this.trusted = trusted;
    }
}
