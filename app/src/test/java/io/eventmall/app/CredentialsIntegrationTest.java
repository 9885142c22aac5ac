package io.eventmall.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** Password hashes live in user_credential only: never in an event, an audit answer or a read model. */
@IntegrationTest
class CredentialsIntegrationTest {

    @Autowired
    TestApi api;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void noEventAndNoAuditAnswerCarriesThePasswordHash() {
        String username = "c" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        TestApi.Response registered = api.post("/users/register", null,
                Map.of("username", username, "password", "correct-horse-battery"));
        assertThat(registered.status()).isEqualTo(201);
        String userId = registered.text("userId");
        String hash = jdbc.queryForObject("SELECT password_hash FROM user_credential WHERE user_id = ?", String.class, userId);
        assertThat(hash).startsWith("$2");

        String admin = api.adminToken();
        TestApi.Response history = api.get("/audit/aggregates/" + userId + "/events", admin);
        assertThat(history.status()).isEqualTo(200);
        assertThat(history.body().toString()).contains(username).doesNotContain(hash).doesNotContain("passwordHash");
        TestApi.Response global = api.get("/audit/events?type=UserRegistered&limit=1000", admin);
        assertThat(global.body().toString()).doesNotContain(hash).doesNotContain("passwordHash");
        Integer eventsWithHash = jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?"
                + " AND convert_from(payload, 'UTF8') LIKE ?", Integer.class, userId, "%" + hash + "%");
        assertThat(eventsWithHash).isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM information_schema.columns WHERE table_name = 'user_account'"
                + " AND column_name = 'password_hash'", Integer.class)).isZero();

        // Usernames are case-insensitive, and the hash in its own table still logs the user in.
        assertThat(api.login(username.toUpperCase(), "correct-horse-battery")).isNotBlank();
    }

    /** A UserRegistered stored before V50 still carries its hash in the stored bytes: no audit answer shows it. */
    @Test
    void anEventStoredWithAHashBeforeCredentialsLeftTheHistoryIsShownWithoutIt() {
        String userId = UUID.randomUUID().toString();
        String legacyHash = "$2a$10$legacy" + UUID.randomUUID().toString().replace("-", "");
        jdbc.update("INSERT INTO domain_event_entry (global_index, aggregate_identifier, sequence_number, type,"
                        + " event_identifier, meta_data, payload, payload_revision, payload_type, time_stamp)"
                        + " VALUES (nextval('domain_event_global_index_seq'), ?, 0, 'User', ?, ?, ?, NULL, ?, ?)",
                userId, UUID.randomUUID().toString(), "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8),
                ("{\"userId\":\"" + userId + "\",\"username\":\"legacy-" + userId + "\",\"passwordHash\":\""
                        + legacyHash + "\",\"mobile\":null,\"roles\":[\"CUSTOMER\"]}").getBytes(java.nio.charset.StandardCharsets.UTF_8),
                "io.eventmall.api.identity.UserRegistered", java.time.Instant.now().toString());

        String admin = api.adminToken();
        long position = jdbc.queryForObject("SELECT global_index FROM domain_event_entry WHERE aggregate_identifier = ?",
                Long.class, userId);
        TestApi.Response global = api.get("/audit/events?type=UserRegistered&afterPosition=" + (position - 1)
                + "&limit=10", admin);
        assertThat(global.status()).isEqualTo(200);
        assertThat(global.body().toString()).contains("legacy-" + userId).doesNotContain(legacyHash);
        TestApi.Response stream = api.get("/audit/aggregates/" + userId + "/events", admin);
        assertThat(stream.body().toString()).contains("legacy-" + userId).doesNotContain(legacyHash);
    }
}
