/**
 * Rate limits that hold across every node: token buckets whose state lives in Redis (one Lua script call each),
 * with a node-local bucket standing in while Redis cannot be reached, so an outage loosens a limit to per node rather
 * than lifting it.
 */
package io.eventmall.app.ratelimit;
