package io.eventmall.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.JdbcTemplate;

/** Personal data is sealed per user in the history; forgetting the user leaves the history whole but unreadable. */
@IntegrationTest
class PersonalDataIntegrationTest {

    private static final String PASSWORD = "secret-pass-1";
    private static final String MOBILE = "+44 7700 900123";
    private static final String STREET = "221B Baker Street";

    @Autowired
    TestApi api;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    StoreProbe store;

    @Test
    void personalDataIsSealedInEventsAndGoneOnceTheUserIsForgotten() {
        String username = "pd" + UUID.randomUUID().toString().replace("-", "").substring(0, 14);
        String userId = api.post("/users/register", null, Map.of("username", username, "password", PASSWORD,
                "mobile", MOBILE)).text("userId");
        String token = api.login(username, PASSWORD);
        TestApi.Response address = api.post("/addresses", token, Map.of("receiverName", "Sherlock Holmes",
                "phone", "+44 20 7224 3688", "province", "London", "city", "London", "district", "Marylebone",
                "detailAddress", STREET));
        assertThat(address.status()).isEqualTo(201);
        String addressId = address.text("addressId");

        // The owner reads it all in clear ...
        assertThat(api.get("/users/me", token).text("mobile")).isEqualTo(MOBILE);
        TestApi.Response mine = api.eventually("/addresses", token, r -> r.body().size() == 1);
        assertThat(mine.body().get(0).path("detailAddress").asText()).isEqualTo(STREET);
        assertThat(mine.body().get(0).path("receiverName").asText()).isEqualTo("Sherlock Holmes");
        // ... the history holds none of it in clear.
        for (String secret : List.of(MOBILE, STREET, "Sherlock Holmes", "7224 3688")) {
            assertThat(eventsContaining(secret)).as(secret).isZero();
        }
        assertThat(eventsContaining("Marylebone")).isPositive();

        // Someone else may not forget them.
        TestApi.User other = api.newCustomer();
        assertThat(api.call(HttpMethod.DELETE, "/users/" + userId, other.token(), null, Map.of()).status()).isEqualTo(403);

        long eventsBefore = store.eventCount();
        assertThat(api.call(HttpMethod.DELETE, "/users/me", token, null, Map.of()).status()).isEqualTo(204);

        assertThat(store.eventCount()).isEqualTo(eventsBefore + 1);
        assertThat(store.eventsOf(userId, "UserForgotten")).isEqualTo(1);
        assertThat(api.post("/users/login", null, Map.of("username", username, "password", PASSWORD)).status())
                .isEqualTo(401);
        String admin = api.adminToken();
        TestApi.Response history = api.get("/audit/aggregates/" + userId + "/events", admin);
        assertThat(history.status()).isEqualTo(200);
        assertThat(history.body().toString()).contains(username).doesNotContain(MOBILE);
        // The token lives until it expires: it still reads the account, with the personal fields gone.
        assertThat(api.get("/users/me", token).text("mobile")).isNull();
        TestApi.Response after = api.get("/addresses", token);
        assertThat(after.body().get(0).path("addressId").asText()).isEqualTo(addressId);
        assertThat(after.body().get(0).path("detailAddress").isNull()).isTrue();
        assertThat(after.body().get(0).path("city").asText()).isEqualTo("London");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM user_data_key WHERE user_id = ? AND data_key IS NULL",
                Integer.class, userId)).isEqualTo(1);

        // An admin may forget anyone; forgetting twice changes nothing more.
        assertThat(api.call(HttpMethod.DELETE, "/users/" + other.userId(), admin, null, Map.of()).status()).isEqualTo(204);
        assertThat(api.call(HttpMethod.DELETE, "/users/" + other.userId(), admin, null, Map.of()).status()).isEqualTo(204);
        assertThat(store.eventsOf(other.userId(), "UserForgotten")).isEqualTo(1);
        assertThat(api.call(HttpMethod.DELETE, "/users/no-such-user", admin, null, Map.of()).status()).isEqualTo(404);
    }

    private int eventsContaining(String text) {
        return jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE convert_from(payload, 'UTF8') LIKE ?",
                Integer.class, "%" + text + "%");
    }
}
