/**
 * The integrity chain: every stored event linked into a SHA-256 chain computed from its stored bytes, verified
 * by recomputing it from the events (docs/audit.md).
 */
package io.eventmall.query.audit;
