package io.eventmall.app.observability;

import io.eventmall.query.redis.RedisReadModelState;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.stereotype.Component;

/**
 * {@code /actuator/health} component "redisReadModel", part of the readiness group: DOWN while this node does not
 * trust the Redis read models (Redis lost its data and they are being rebuilt), because every home, ranking and
 * recommendation read answers 503 meanwhile; a load balancer sends traffic to nodes that can serve it.
 */
@Component("redisReadModel")
class RedisReadModelHealth extends AbstractHealthIndicator {

    private final RedisReadModelState state;

    RedisReadModelHealth(RedisReadModelState state) {
        this.state = state;
    }

    @Override
    protected void doHealthCheck(Health.Builder health) {
        if (state.isTrusted()) {
            health.up();
        } else {
            health.down().withDetail("reason", "the Redis read models are being rebuilt after Redis lost its data");
        }
    }
}
