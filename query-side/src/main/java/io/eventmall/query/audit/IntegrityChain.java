package io.eventmall.query.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Links every stored event into a SHA-256 hash chain, from the bytes as they are stored. Verifying
 * recomputes the chain from the store: the first link that differs is where the history was altered.
 * Rebuilding this chain (a replay) re-seals the current history, so it is an administrator's decision.
 */
@Component
@ProcessingGroup(IntegrityChain.NAME)
public class IntegrityChain {

    public static final String NAME = "integrity-chain";
    private static final String GENESIS = "0".repeat(64);
    private static final String STORED_EVENT = """
            SELECT global_index, event_identifier, aggregate_identifier, sequence_number, time_stamp, payload_type,
                   payload, meta_data
            FROM domain_event_entry""";

    private final JdbcTemplate jdbc;

    IntegrityChain(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public record Verdict(boolean valid, long checkedEvents, Long firstBrokenPosition) {
    }

    @EventHandler
    void on(EventMessage<?> event) {
        Map<String, Object> stored = jdbc.queryForMap(STORED_EVENT + " WHERE event_identifier = ?", event.getIdentifier());
        long globalIndex = ((Number) stored.get("global_index")).longValue();
        Optional<Map<String, Object>> last = jdbc.queryForList(
                "SELECT link, hash FROM integrity_chain ORDER BY link DESC LIMIT 1").stream().findFirst();
        long link = last.map(row -> ((Number) row.get("link")).longValue() + 1).orElse(1L);
        String previous = last.map(row -> (String) row.get("hash")).orElse(GENESIS);
        jdbc.update("INSERT INTO integrity_chain (link, global_index, hash) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                link, globalIndex, hash(previous, stored));
    }

    @ResetHandler
    void reset() {
        jdbc.update("DELETE FROM integrity_chain");
    }

    /** Walks the chain in pages and recomputes every link from the store. */
    public Verdict verify() {
        String previous = GENESIS;
        long checked = 0;
        long afterLink = 0;
        while (true) {
            List<Map<String, Object>> links = jdbc.queryForList(
                    "SELECT link, global_index, hash FROM integrity_chain WHERE link > ? ORDER BY link LIMIT 500",
                    afterLink);
            if (links.isEmpty()) {
                return new Verdict(true, checked, null);
            }
            for (Map<String, Object> link : links) {
                long globalIndex = ((Number) link.get("global_index")).longValue();
                List<Map<String, Object>> stored = jdbc.queryForList(STORED_EVENT + " WHERE global_index = ?", globalIndex);
                String expected = (String) link.get("hash");
                if (stored.isEmpty() || !hash(previous, stored.get(0)).equals(expected)) {
                    return new Verdict(false, checked, globalIndex);
                }
                previous = expected;
                checked++;
                afterLink = ((Number) link.get("link")).longValue();
            }
        }
    }

    private static String hash(String previous, Map<String, Object> stored) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(previous.getBytes(StandardCharsets.US_ASCII));
            for (String column : List.of("global_index", "event_identifier", "aggregate_identifier",
                    "sequence_number", "time_stamp", "payload_type")) {
                sha.update((byte) 0);
                sha.update(String.valueOf(stored.get(column)).getBytes(StandardCharsets.UTF_8));
            }
            for (String column : List.of("payload", "meta_data")) {
                sha.update((byte) 0);
                byte[] bytes = (byte[]) stored.get(column);
                if (bytes != null) {
                    sha.update(bytes);
                }
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
