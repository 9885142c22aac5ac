/** Noticing that Redis lost its data and rebuilding every Redis read model from the event store. */
package io.eventmall.app.redis;
