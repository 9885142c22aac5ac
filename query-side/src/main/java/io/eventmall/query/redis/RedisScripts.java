package io.eventmall.query.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * The Lua scripts under {@code redis/} on the class path, read once. A script made from the resource itself
 * ({@code RedisScript.of(Resource)}) asks the resource whether it changed on every call, which inside a jar opens the
 * jar entry and throws and catches an exception: 9% of a flash-sale purchase request's CPU in a profile of the spike.
 */
public final class RedisScripts {

    private RedisScripts() {
    }

    public static <T> RedisScript<T> load(String name, Class<T> resultType) {
        try (InputStream text = new ClassPathResource("redis/" + name).getInputStream()) {
            return RedisScript.of(new String(text.readAllBytes(), StandardCharsets.UTF_8), resultType);
        } catch (IOException e) {
            throw new UncheckedIOException("the Redis script redis/" + name + " cannot be read", e);
        }
    }
}
