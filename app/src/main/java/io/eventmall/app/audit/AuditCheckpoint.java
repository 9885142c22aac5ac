package io.eventmall.app.audit;

import java.time.Instant;

/**
 * A signed statement "the history up to global index {@code position} hashes to {@code hash}", issued at
 * {@code issuedAt} by the key {@code keyId}. The auditor keeps it outside this system and hands it back to
 * GET /audit/verify later.
 */
public record AuditCheckpoint(long position, String hash, String signature, Instant issuedAt, String keyId) {
}
