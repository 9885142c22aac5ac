package io.eventmall.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Auditors read any stream, rebuild any aggregate as of a past point, and see who did what. */
@IntegrationTest
class AuditIntegrationTest {

    @Autowired
    TestApi api;
    @Autowired
    org.springframework.jdbc.core.JdbcTemplate jdbc;

    @Test
    void anAuditorReadsAStreamWithItsProvenanceAndRebuildsPastStates() {
        String admin = api.adminToken();
        String adminId = api.get("/users/me", admin).text("userId");
        String productId = api.newProduct(admin, 1_000, 0);
        api.put("/products/" + productId, admin, Map.of("price", 1_200));
        api.put("/products/" + productId, admin, Map.of("price", 1_500));
        String auditor = auditorToken(admin);

        TestApi.Response stream = api.get("/audit/aggregates/" + productId + "/events", auditor);
        assertThat(stream.status()).as(stream.body().toString()).isEqualTo(200);
        assertThat(stream.body().findValuesAsText("type"))
                .containsExactly("ProductCreated", "ProductPriceChanged", "ProductPriceChanged");
        JsonNode created = stream.body().get(0);
        assertThat(created.path("payload").path("price").asLong()).isEqualTo(1_000);
        assertThat(created.path("metadata").path("userId").asText()).isEqualTo(adminId);
        assertThat(created.path("metadata").path("correlationId").asText()).isNotBlank();
        assertThat(created.path("metadata").path("causationId").asText()).isNotBlank();

        TestApi.Response second = api.get("/audit/aggregates/" + productId + "/state?sequence=1", auditor);
        assertThat(second.body().path("state").path("price").asLong()).isEqualTo(1_200);
        assertThat(second.body().path("sequence").asLong()).isEqualTo(1);
        String firstMoment = created.path("timestamp").asText();
        TestApi.Response first = api.get("/audit/aggregates/" + productId + "/state?at=" + firstMoment, auditor);
        assertThat(first.body().path("state").path("price").asLong()).isEqualTo(1_000);
        TestApi.Response now = api.get("/audit/aggregates/" + productId + "/state?sequence=99", auditor);
        assertThat(now.body().path("state").path("price").asLong()).isEqualTo(1_500);

        assertThat(api.get("/audit/aggregates/" + productId + "/state", auditor).code()).isEqualTo("VALIDATION_FAILED");
        assertThat(api.get("/audit/aggregates/no-such-thing/events", auditor).status()).isEqualTo(404);
    }

    @Test
    void theGlobalStreamPagesInCommitOrderAndFiltersByType() {
        String admin = api.adminToken();
        String productId = api.newProduct(admin, 1_000, 0);
        api.put("/products/" + productId, admin, Map.of("price", 1_100));
        String auditor = auditorToken(admin);

        TestApi.Response page = api.get("/audit/events?type=ProductPriceChanged&limit=1000", auditor);
        assertThat(page.status()).isEqualTo(200);
        List<String> types = page.body().path("items").findValuesAsText("type");
        assertThat(types).isNotEmpty().containsOnly("ProductPriceChanged");
        assertThat(page.body().path("items").findValuesAsText("aggregateId")).contains(productId);

        TestApi.Response firstTwo = api.get("/audit/events?limit=2", auditor);
        long last = firstTwo.body().path("lastPosition").asLong();
        TestApi.Response next = api.get("/audit/events?limit=2&afterPosition=" + last, auditor);
        assertThat(next.body().path("items").get(0).path("position").asLong()).isGreaterThan(last);
        assertThat(api.get("/audit/events?limit=5000", auditor).code()).isEqualTo("VALIDATION_FAILED");
    }

    @Test
    void verificationFindsTheFirstAlteredEvent() {
        String admin = api.adminToken();
        String productId = api.newProduct(admin, 4_242, 0);
        String auditor = auditorToken(admin);
        long storedEvents = jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class);
        TestApi.Response intact = org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(15))
                .until(() -> api.get("/audit/verify", auditor), r -> r.body().path("checkedEvents").asLong() >= storedEvents);
        assertThat(intact.body().path("valid").asBoolean()).isTrue();

        long position = jdbc.queryForObject(
                "SELECT global_index FROM domain_event_entry WHERE aggregate_identifier = ? AND sequence_number = 0",
                Long.class, productId);
        byte[] original = jdbc.queryForObject("SELECT payload FROM domain_event_entry WHERE global_index = ?",
                byte[].class, position);
        byte[] altered = new String(original, java.nio.charset.StandardCharsets.UTF_8)
                .replace("\"price\":4242", "\"price\":1").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        String rewrite = "UPDATE domain_event_entry SET payload = ? WHERE global_index = ?";
        jdbc.update(rewrite, altered, position);
        try {
            TestApi.Response broken = api.get("/audit/verify", auditor);
            assertThat(broken.body().path("valid").asBoolean()).isFalse();
            assertThat(broken.body().path("firstBrokenPosition").asLong()).isEqualTo(position);
        } finally {
            jdbc.update(rewrite, original, position);
        }
        assertThat(api.get("/audit/verify", auditor).body().path("valid").asBoolean()).isTrue();
    }

    @Test
    void aRolledBackAppendHoldsTheSealBackForTheGapAllowanceOnly() {
        String admin = api.adminToken();
        // What an append that met another writer and rolled back leaves behind: a global index nobody will use.
        long gap = jdbc.queryForObject("SELECT nextval('domain_event_global_index_seq')", Long.class);
        String productId = api.newProduct(admin, 1_234, 0);
        long after = jdbc.queryForObject(
                "SELECT global_index FROM domain_event_entry WHERE aggregate_identifier = ? AND sequence_number = 0",
                Long.class, productId);
        assertThat(after).isGreaterThan(gap);
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(6)).until(() -> chainPosition(admin) >= after);
        assertThat(sealed(after)).as("a gap is awaited at first: its transaction may still commit").isFalse();

        // Sealed at the first batch after the allowance (8 s in tests): events keep coming meanwhile.
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(40))
                .pollInterval(java.time.Duration.ofSeconds(2))
                .until(() -> {
                    api.newProduct(admin, 1_000, 0);
                    return sealed(after);
                });
        assertThat(jdbc.queryForObject("SELECT count(*) FROM integrity_chain WHERE global_index = ?", Long.class, gap))
                .isZero();
    }

    private long chainPosition(String admin) {
        return ProjectionReplayIntegrationTest.status(api.get("/admin/projections", admin).body(), "integrity-chain")
                .path("position").asLong(-1);
    }

    private boolean sealed(long position) {
        return jdbc.queryForObject("SELECT count(*) FROM integrity_chain WHERE global_index = ?", Long.class,
                position) == 1;
    }

    @Test
    void customersCannotAudit() {
        assertThat(api.get("/audit/events", api.newCustomer().token()).status()).isEqualTo(403);
    }

    private String auditorToken(String admin) {
        TestApi.User auditor = api.newCustomer();
        api.put("/users/" + auditor.userId() + "/roles", admin, Map.of("roles", List.of("AUDITOR")));
        String username = api.get("/users/me", auditor.token()).text("username");
        return api.login(username, "secret-pass-1");
    }
}
