package io.eventmall.query.audit;

import java.sql.ResultSet;
import java.sql.SQLException;

/** One row of {@code domain_event_entry} as stored: what a link of the chain is computed from. */
public record StoredEventRow(long globalIndex, String eventIdentifier, String aggregateIdentifier, long sequenceNumber,
                             String timestamp, String payloadType, byte[] payload, byte[] metadata) {

    /** Reads the row from {@code rs}, whose columns from {@code first} on are {@link ChainHash}'s stored columns. */
    static StoredEventRow of(ResultSet rs, int first) throws SQLException {
        return new StoredEventRow(rs.getLong(first), rs.getString(first + 1), rs.getString(first + 2),
                rs.getLong(first + 3), rs.getString(first + 4), rs.getString(first + 5), rs.getBytes(first + 6),
                rs.getBytes(first + 7));
    }
}
