package io.eventmall.query.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The chain's hash function: SHA-256 over the previous link's hash (hex) and the event's stored columns, each
 * preceded by a zero byte: global index, event id, aggregate id, sequence number, timestamp and payload type
 * as text, then the payload and metadata bytes exactly as stored. Anyone holding a copy of the table can
 * recompute it (docs/audit.md).
 */
public final class ChainHash {

    /** The "previous hash" of the first link. */
    public static final String GENESIS = "0".repeat(64);
    static final String STORED_EVENT_COLUMNS = "e.global_index, e.event_identifier, e.aggregate_identifier, "
            + "e.sequence_number, e.time_stamp, e.payload_type, e.payload, e.meta_data";
    static final String STORED_EVENT_COLUMNS_SQL = "SELECT " + STORED_EVENT_COLUMNS;
    private static final HexFormat HEX = HexFormat.of();

    private ChainHash() {
    }

    public static String next(String previous, StoredEventRow event) {
        MessageDigest sha = sha256();
        sha.update(previous.getBytes(StandardCharsets.US_ASCII));
        text(sha, Long.toString(event.globalIndex()));
        text(sha, event.eventIdentifier());
        text(sha, event.aggregateIdentifier());
        text(sha, Long.toString(event.sequenceNumber()));
        text(sha, event.timestamp());
        text(sha, event.payloadType());
        bytes(sha, event.payload());
        bytes(sha, event.metadata());
        return HEX.formatHex(sha.digest());
    }

    private static void text(MessageDigest sha, String value) {
        sha.update((byte) 0);
        sha.update(String.valueOf(value).getBytes(StandardCharsets.UTF_8));
    }

    private static void bytes(MessageDigest sha, byte[] value) {
        sha.update((byte) 0);
        if (value != null) {
            sha.update(value);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
