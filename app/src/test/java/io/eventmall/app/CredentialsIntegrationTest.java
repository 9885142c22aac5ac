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
}
