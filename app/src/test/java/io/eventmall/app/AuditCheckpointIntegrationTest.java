package io.eventmall.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.eventmall.query.audit.IntegrityChain;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.awaitility.Awaitility;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A signed checkpoint proves the history up to its position: altering, removing or re-sealing any event
 * before it is found by GET /audit/verify?checkpoint=..., even when the stored chain was rebuilt to match.
 */
@IntegrationTest
class AuditCheckpointIntegrationTest {

    @Autowired
    TestApi api;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    EventProcessingConfiguration processing;

    private String admin;
    private String auditor;

    @BeforeEach
    void auditor() {
        admin = api.adminToken();
        auditor = api.newUserWithRoles(admin, "AUDITOR").token();
    }

    @Test
    void aCheckpointIsSignedWithTheServedPublicKeyAndVerifiesWhileNothingChanged() throws Exception {
        api.newProduct(admin, 1_000, 0);
        JsonNode checkpoint = checkpointOfTheWholeStore();
        assertThat(checkpoint.path("position").asLong())
                .isEqualTo(jdbc.queryForObject("SELECT max(global_index) FROM integrity_chain", Long.class));
        assertThat(checkpoint.path("hash").asText()).hasSize(64);

        JsonNode key = api.get("/audit/public-key", auditor).body();
        assertThat(key.path("algorithm").asText()).isEqualTo("Ed25519");
        PublicKey publicKey = KeyFactory.getInstance("Ed25519")
                .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(key.path("publicKey").asText())));
        Signature signature = Signature.getInstance("Ed25519");
        signature.initVerify(publicKey);
        signature.update(("eventmall-audit-checkpoint-v1\n" + checkpoint.path("position").asLong() + "\n"
                + checkpoint.path("hash").asText() + "\n" + checkpoint.path("issuedAt").asText())
                .getBytes(StandardCharsets.UTF_8));
        assertThat(signature.verify(Base64.getDecoder().decode(checkpoint.path("signature").asText()))).isTrue();

        api.newProduct(admin, 2_000, 0);
        TestApi.Response verdict = verifyAgainst(checkpoint);
        assertThat(verdict.status()).as(verdict.body().toString()).isEqualTo(200);
        assertThat(verdict.body().path("valid").asBoolean()).as(verdict.body().toString()).isTrue();
        assertThat(verdict.body().path("checkpoint").asText()).isEqualTo("MATCHED");
    }

    @Test
    void aPayloadAlteredWithSqlIsReportedAtItsExactPosition() {
        long position = createdEventOf(api.newProduct(admin, 4_343, 0));
        JsonNode checkpoint = checkpointOfTheWholeStore();
        byte[] original = alterPrice(position, "4343", "1");
        try {
            JsonNode verdict = verifyAgainst(checkpoint).body();
            assertThat(verdict.path("valid").asBoolean()).isFalse();
            assertThat(verdict.path("firstBrokenPosition").asLong()).isEqualTo(position);
            assertThat(verdict.path("checkpoint").asText()).isEqualTo("DIFFERENT");
            assertThat(api.get("/audit/verify", auditor).body().path("firstBrokenPosition").asLong()).isEqualTo(position);
        } finally {
            setPayload(position, original);
        }
        assertThat(verifyAgainst(checkpoint).body().path("valid").asBoolean()).isTrue();
    }

    @Test
    void deletingTheNewestEventAndItsLinkFailsACheckpointTakenBefore() {
        api.newProduct(admin, 5_000, 0);
        JsonNode checkpoint = checkpointOfTheWholeStore();
        long newest = checkpoint.path("position").asLong();
        jdbc.execute("CREATE TABLE audit_test_deleted_event AS SELECT * FROM domain_event_entry WHERE global_index = " + newest);
        jdbc.execute("CREATE TABLE audit_test_deleted_link AS SELECT * FROM integrity_chain WHERE global_index = " + newest);
        try {
            jdbc.update("DELETE FROM domain_event_entry WHERE global_index = ?", newest);
            jdbc.update("DELETE FROM integrity_chain WHERE global_index = ?", newest);

            assertThat(api.get("/audit/verify", auditor).body().path("valid").asBoolean())
                    .as("the chain alone, shortened with its event, still looks whole").isTrue();
            JsonNode verdict = verifyAgainst(checkpoint).body();
            assertThat(verdict.path("valid").asBoolean()).isFalse();
            assertThat(verdict.path("checkpoint").asText()).isEqualTo("MISSING");
            assertThat(verdict.path("firstBrokenPosition").asLong()).isEqualTo(newest);
        } finally {
            jdbc.execute("INSERT INTO domain_event_entry SELECT * FROM audit_test_deleted_event");
            jdbc.execute("INSERT INTO integrity_chain SELECT * FROM audit_test_deleted_link");
            jdbc.execute("DROP TABLE audit_test_deleted_event, audit_test_deleted_link");
        }
        assertThat(verifyAgainst(checkpoint).body().path("valid").asBoolean()).isTrue();
    }

    @Test
    void aChainRebuiltOverAnAlteredEventPassesAloneButFailsTheOldCheckpoint() {
        long position = createdEventOf(api.newProduct(admin, 6_161, 0));
        JsonNode checkpoint = checkpointOfTheWholeStore();
        byte[] original = alterPrice(position, "6161", "61");
        try {
            resealTheChain();
            assertThat(api.get("/audit/verify", auditor).body().path("valid").asBoolean())
                    .as("re-sealed, the chain matches the altered events").isTrue();
            JsonNode verdict = verifyAgainst(checkpoint).body();
            assertThat(verdict.path("valid").asBoolean()).isFalse();
            assertThat(verdict.path("checkpoint").asText()).isEqualTo("DIFFERENT");
            assertThat(verdict.path("firstBrokenPosition").asLong()).isEqualTo(checkpoint.path("position").asLong());
        } finally {
            setPayload(position, original);
            resealTheChain();
        }
        assertThat(verifyAgainst(checkpoint).body().path("valid").asBoolean()).isTrue();
    }

    @Test
    void aForgedOrMalformedCheckpointIsRefused() {
        JsonNode checkpoint = checkpointOfTheWholeStore();
        Map<String, Object> forged = new java.util.HashMap<>(api.json().convertValue(checkpoint, Map.class));
        forged.put("hash", "f".repeat(64));
        TestApi.Response refused = api.getEncoded("/audit/verify?checkpoint=" + encode(api.json().valueToTree(forged).toString()), auditor);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.code()).isEqualTo("BAD_SIGNATURE");
        TestApi.Response malformed = api.getEncoded("/audit/verify?checkpoint=" + encode("{\"position\":\"x\""), auditor);
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.code()).isEqualTo("VALIDATION_FAILED");
    }

    /** Waits until every stored event is sealed, then takes a checkpoint. */
    private JsonNode checkpointOfTheWholeStore() {
        awaitSealed();
        TestApi.Response checkpoint = api.get("/audit/checkpoint", auditor);
        assertThat(checkpoint.status()).as(checkpoint.body().toString()).isEqualTo(200);
        return checkpoint.body();
    }

    private void awaitSealed() {
        Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).until(() ->
                jdbc.queryForObject("SELECT count(*) FROM domain_event_entry e WHERE NOT EXISTS "
                        + "(SELECT 1 FROM integrity_chain c WHERE c.global_index = e.global_index)", Long.class) == 0);
    }

    /** What someone able to write the database and restart a processor can do: drop the chain and seal again. */
    private void resealTheChain() {
        StreamingEventProcessor chain = processing.eventProcessor(IntegrityChain.NAME, StreamingEventProcessor.class)
                .orElseThrow();
        chain.shutDown();
        chain.resetTokens();
        chain.start();
        awaitSealed();
    }

    private TestApi.Response verifyAgainst(JsonNode checkpoint) {
        return api.getEncoded("/audit/verify?checkpoint=" + encode(checkpoint.toString()), auditor);
    }

    private long createdEventOf(String productId) {
        return jdbc.queryForObject(
                "SELECT global_index FROM domain_event_entry WHERE aggregate_identifier = ? AND sequence_number = 0",
                Long.class, productId);
    }

    /** Rewrites the stored payload with SQL, as someone with write access to the database could; returns the original. */
    private byte[] alterPrice(long position, String price, String forged) {
        byte[] original = payloadAt(position);
        setPayload(position, new String(original, StandardCharsets.UTF_8).replace(price, forged)
                .getBytes(StandardCharsets.UTF_8));
        return original;
    }

    private byte[] payloadAt(long position) {
        return jdbc.queryForObject("SELECT payload FROM domain_event_entry WHERE global_index = ?", byte[].class, position);
    }

    private void setPayload(long position, byte[] payload) {
        jdbc.update("UPDATE domain_event_entry SET payload = ? WHERE global_index = ?", payload, position);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
