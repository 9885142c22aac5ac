package io.eventmall.app.ratelimit;

import io.eventmall.app.ratelimit.RateLimiter.Limit;

/** Token buckets, one per key under a limit: where they live (Redis, this node) is the implementation's. */
interface TokenBuckets {

    /** Takes one token from {@code key}'s bucket if it has one. */
    Probe take(Limit limit, String key);

    /** Whether {@code key}'s bucket has a token, taking nothing. */
    Probe look(Limit limit, String key);

    /** A token was there (and, taking, was taken), or the time until the bucket has one again. */
    record Probe(boolean available, long nanosToWait) {

        static final Probe AVAILABLE = new Probe(true, 0);
    }
}
