package io.eventmall.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;

/**
 * The hidden purchase path: a sale that requires a purchase token is bought only with the buyer's own token for it,
 * handed out from shortly before the start, and (with proof of work) only for a solved challenge.
 */
@IntegrationTest
class PurchaseTokenIntegrationTest {

    @Autowired
    TestApi api;

    @Test
    void aSaleThatRequiresATokenIsBoughtOnlyWithTheBuyersOwnToken() {
        String sale = newSale(Instant.now().minusSeconds(5), 0);
        String otherSale = newSale(Instant.now().minusSeconds(5), 0);
        TestApi.User buyer = api.newCustomer();
        TestApi.User someoneElse = api.newCustomer();

        TestApi.Response without = purchase(sale, buyer, null);
        assertThat(without.status()).isEqualTo(403);
        assertThat(without.code()).isEqualTo("PURCHASE_TOKEN_INVALID");

        TestApi.Response issued = api.get("/flash-sales/" + sale + "/purchase-token", buyer.token());
        assertThat(issued.status()).as(issued.body().toString()).isEqualTo(200);
        String token = issued.text("token");
        assertThat(Instant.parse(issued.text("expiresAt"))).isBetween(Instant.now().plusSeconds(30), Instant.now().plusSeconds(61));

        assertThat(purchase(sale, someoneElse, token).code()).isEqualTo("PURCHASE_TOKEN_INVALID");
        assertThat(purchase(otherSale, buyer, token).code()).isEqualTo("PURCHASE_TOKEN_INVALID");
        assertThat(purchase(sale, buyer, token.substring(0, token.length() - 2) + "xx").code())
                .isEqualTo("PURCHASE_TOKEN_INVALID");
        assertThat(purchase(sale, buyer, token).status()).isEqualTo(202);
        assertThat(api.get("/flash-sales/" + sale, null).body().path("requirePurchaseToken").asBoolean()).isTrue();
    }

    @Test
    void tokensAreHandedOutOnlyFromTheLeadBeforeTheStart() {
        TestApi.User buyer = api.newCustomer();
        String later = newSale(Instant.now().plus(Duration.ofHours(1)), 0);
        TestApi.Response tooEarly = api.get("/flash-sales/" + later + "/purchase-token", buyer.token());
        assertThat(tooEarly.status()).isEqualTo(409);
        assertThat(tooEarly.code()).isEqualTo("NOT_STARTED");

        // The lead is PT5S: a sale starting in three seconds hands out tokens already.
        String soon = newSale(Instant.now().plusSeconds(3), 0);
        assertThat(api.get("/flash-sales/" + soon + "/purchase-token", buyer.token()).status()).isEqualTo(200);
    }

    @Test
    void withProofOfWorkTheTokenIsOnlyForASolvedChallenge() throws Exception {
        String sale = newSale(Instant.now().minusSeconds(5), 8);
        TestApi.User buyer = api.newCustomer();
        assertThat(api.get("/flash-sales/" + sale, null).body().path("proofOfWorkBits").asInt()).isEqualTo(8);

        TestApi.Response challenge = api.get("/flash-sales/" + sale + "/purchase-token", buyer.token());
        assertThat(challenge.status()).isEqualTo(200);
        assertThat(challenge.body().has("token")).isFalse();
        assertThat(challenge.body().path("proofOfWorkBits").asInt()).isEqualTo(8);
        String text = challenge.text("challenge");

        long wrong = nonce(text, 8, false);
        TestApi.Response refused = api.post("/flash-sales/" + sale + "/purchase-token", buyer.token(),
                Map.of("challenge", text, "nonce", wrong));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.code()).isEqualTo("PROOF_INVALID");

        long right = nonce(text, 8, true);
        TestApi.User thief = api.newCustomer();
        assertThat(api.post("/flash-sales/" + sale + "/purchase-token", thief.token(),
                Map.of("challenge", text, "nonce", right)).code()).isEqualTo("PROOF_INVALID");
        TestApi.Response token = api.post("/flash-sales/" + sale + "/purchase-token", buyer.token(),
                Map.of("challenge", text, "nonce", right));
        assertThat(token.status()).as(token.body().toString()).isEqualTo(200);
        assertThat(purchase(sale, buyer, token.text("token")).status()).isEqualTo(202);
    }

    /** The first nonce whose SHA-256(challenge + nonce) has (or, for a wrong one, lacks) {@code bits} leading zeros. */
    private static long nonce(String challenge, int bits, boolean solving) throws Exception {
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        for (long nonce = 0; ; nonce++) {
            byte[] digest = sha256.digest((challenge + nonce).getBytes(StandardCharsets.UTF_8));
            int zeros = 0;
            for (byte b : digest) {
                if (b != 0) {
                    zeros += Integer.numberOfLeadingZeros(b & 0xff) - 24;
                    break;
                }
                zeros += 8;
            }
            if ((zeros >= bits) == solving) {
                return nonce;
            }
        }
    }

    private TestApi.Response purchase(String sale, TestApi.User buyer, String token) {
        Map<String, String> headers = new HashMap<>();
        if (token != null) {
            headers.put("X-Purchase-Token", token);
        }
        return api.call(HttpMethod.POST, "/flash-sales/" + sale + "/purchases", buyer.token(), Map.of("quantity", 1),
                headers);
    }

    private String newSale(Instant startsAt, int proofOfWorkBits) {
        String admin = api.adminToken();
        String productId = api.newProduct(admin, 10_000, 0);
        Instant start = startsAt.truncatedTo(ChronoUnit.SECONDS);
        TestApi.Response sale = api.post("/flash-sales", admin, Map.of("productId", productId, "price", 1_000,
                "quantity", 5, "perUserLimit", 1, "startsAt", start.toString(),
                "endsAt", start.plus(Duration.ofHours(2)).toString(), "requirePurchaseToken", true,
                "proofOfWorkBits", proofOfWorkBits));
        assertThat(sale.status()).as(sale.body().toString()).isEqualTo(201);
        return sale.text("flashSaleId");
    }
}
