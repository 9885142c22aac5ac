package io.eventmall.app.web;

import io.eventmall.api.Refusal;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Turns an {@code Idempotency-Key} into the id of the thing it creates. The same key from the same user
 * always names the same aggregate, so a repeated request meets the aggregate (or the event store's
 * unique stream index) that the first one created, and nothing new is made.
 */
public final class IdempotencyKeys {

    private IdempotencyKeys() {
    }

    /** Whether the client sent a key: without one, every request creates something new and none is a retry. */
    public static boolean given(String idempotencyKey) {
        return idempotencyKey != null && !idempotencyKey.isBlank();
    }

    public static String idFor(String scope, String userId, String idempotencyKey) {
        if (!given(idempotencyKey)) {
            return UUID.randomUUID().toString();
        }
        if (idempotencyKey.length() > 128) {
            throw ApiProblem.of(Refusal.VALIDATION_FAILED, "Idempotency-Key is longer than 128 characters");
        }
        String name = scope + '\n' + userId + '\n' + idempotencyKey;
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
