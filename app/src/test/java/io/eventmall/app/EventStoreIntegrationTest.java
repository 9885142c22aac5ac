package io.eventmall.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** The PostgreSQL event store as the brief demands it: bytea, a gap-free sequence, and an audit trail. */
@IntegrationTest
class EventStoreIntegrationTest {

    @Autowired
    TestApi api;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void payloadsAreByteaNeverLargeObjects() {
        List<String> types = jdbc.queryForList("""
                SELECT DISTINCT data_type FROM information_schema.columns
                WHERE table_name IN ('domain_event_entry', 'snapshot_event_entry', 'token_entry', 'saga_entry',
                                     'dead_letter_entry')
                  AND column_name IN ('payload', 'meta_data', 'token', 'serialized_saga', 'diagnostics')""",
                String.class);
        assertThat(types).containsExactly("bytea");
    }

    @Test
    void theGlobalIndexHasItsOwnSequenceWithIncrementOne() {
        Long increment = jdbc.queryForObject(
                "SELECT increment_by FROM pg_sequences WHERE sequencename = 'domain_event_global_index_seq'"
                        + " AND schemaname = current_schema()", Long.class);
        assertThat(increment).isEqualTo(1L);
    }

    @Test
    void everyEventNamesWhoActedAndWhatCausedIt() throws Exception {
        String admin = api.adminToken();
        String adminId = api.get("/users/me", admin).text("userId");
        String productId = api.newProduct(admin, 1_000, 3);

        Map<String, Object> row = jdbc.queryForMap("""
                SELECT meta_data, payload_type FROM domain_event_entry
                WHERE aggregate_identifier = ? ORDER BY sequence_number LIMIT 1""", productId);
        JsonNode metadata = new ObjectMapper().readTree((byte[]) row.get("meta_data"));
        assertThat(row.get("payload_type").toString()).endsWith("ProductCreated");
        assertThat(metadata.path("userId").asText()).isEqualTo(adminId);
        assertThat(metadata.path("correlationId").asText()).isNotBlank();
        assertThat(metadata.path("causationId").asText()).isNotBlank();
        assertThat(metadata.path("traceId").asText()).isNotBlank();
    }

    @Test
    void eventsAreStoredAsReadableJson() throws Exception {
        String productId = api.newProduct(api.adminToken(), 4_321, 0);
        byte[] payload = jdbc.queryForObject("""
                SELECT payload FROM domain_event_entry WHERE aggregate_identifier = ? AND sequence_number = 0""",
                byte[].class, productId);
        JsonNode event = new ObjectMapper().readTree(payload);
        assertThat(event.path("price").asLong()).isEqualTo(4_321);
        assertThat(event.path("productId").asText()).isEqualTo(productId);
    }
}
