/**
 * Circuit breakers in front of Redis, Elasticsearch and the payment provider: once a dependency has failed often
 * enough, calls to it are refused at once (503 with Retry-After) instead of each waiting for its own timeout.
 */
package io.eventmall.app.resilience;
