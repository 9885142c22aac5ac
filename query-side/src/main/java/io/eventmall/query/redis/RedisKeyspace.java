package io.eventmall.query.redis;

import java.util.ArrayList;
import java.util.List;
import org.springframework.data.redis.core.Cursor;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * The read models' share of Redis: every key starts with {@code mall:<read model>:}, so that a reset deletes
 * one read model's keys (by SCAN, never KEYS or FLUSHDB) and leaves the rest of the database alone.
 */
@Component
public class RedisKeyspace {

    private static final int BATCH = 500;

    private final StringRedisTemplate redis;

    RedisKeyspace(StringRedisTemplate redis) {
        this.redis = redis;
    }

    public long deleteAllStartingWith(String prefix) {
        long deleted = 0;
        List<String> batch = new ArrayList<>(BATCH);
        try (Cursor<String> keys = redis.scan(ScanOptions.scanOptions().match(prefix + "*").count(BATCH).build())) {
            while (keys.hasNext()) {
                batch.add(keys.next());
                if (batch.size() == BATCH) {
                    deleted += delete(batch);
                }
            }
        }
        return deleted + delete(batch);
    }

    private long delete(List<String> keys) {
        if (keys.isEmpty()) {
            return 0;
        }
        Long deleted = redis.delete(keys);
        keys.clear();
        return deleted == null ? 0 : deleted;
    }
}
