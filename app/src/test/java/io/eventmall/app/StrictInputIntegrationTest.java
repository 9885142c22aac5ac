package io.eventmall.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpMethod;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;

/** The bad input of issue 9 that used to answer 500, and tokens without issuer or expiry. */
@IntegrationTest
class StrictInputIntegrationTest {

    @Autowired
    TestApi api;
    @Autowired
    StoreProbe store;
    @Autowired
    JwtEncoder jwtEncoder;
    @Value("${local.server.port}")
    int port;

    @Test
    void passwordsAreEightTo72BytesOfUtf8() {
        assertThat(register("x".repeat(100)).status()).isEqualTo(400);
        // 30 characters, 90 bytes: within 72 characters, beyond BCrypt's 72 bytes.
        TestApi.Response multiByte = register("密".repeat(30));
        assertThat(multiByte.status()).isEqualTo(400);
        assertThat(multiByte.code()).isEqualTo("VALIDATION_FAILED");
        assertThat(register("short").status()).isEqualTo(400);
        assertThat(register("x".repeat(72)).status()).isEqualTo(201);
        TestApi.Response longLogin = api.post("/users/login", null, Map.of("username", "anyone", "password", "y".repeat(100)));
        assertThat(longLogin.status()).isEqualTo(400);
    }

    @Test
    void moneyIsAnIntegerOfMinorUnitsWithinTheMaximum() {
        ShopFixture shop = new ShopFixture(api);
        String merchant = shop.merchant("Money shop");
        String category = shop.category("Money");
        long eventsBefore = store.eventCount();
        for (String price : List.of("19.99", "1e3", "100000000001", "99999999999999999999", "-1", "\"12\"")) {
            TestApi.Response refused = api.post("/products", shop.admin(), "{\"merchantId\":\"" + merchant
                    + "\",\"categoryId\":\"" + category + "\",\"name\":\"x\",\"images\":[],\"price\":" + price + "}");
            assertThat(refused.status()).as(price).isEqualTo(400);
            assertThat(refused.code()).as(price).isEqualTo("VALIDATION_FAILED");
        }
        assertThat(store.eventCount()).isEqualTo(eventsBefore);
        TestApi.Response maximum = api.post("/products", shop.admin(), Map.of("merchantId", merchant,
                "categoryId", category, "name", "dear", "images", List.of(), "price", 100_000_000_000L));
        assertThat(maximum.status()).isEqualTo(201);
    }

    @Test
    void searchPagingIsBounded() {
        TestApi.Response farPage = api.get("/search?q=x&page=2147483647&size=1", null);
        assertThat(farPage.status()).isEqualTo(400);
        assertThat(farPage.code()).isEqualTo("VALIDATION_FAILED");
        assertThat(api.get("/search?q=x&page=0&size=2147483647", null).status()).isEqualTo(400);
        assertThat(api.get("/search?q=x&page=-1&size=10", null).status()).isEqualTo(400);
    }

    @Test
    void anUnsupportedAcceptTypeIs406() {
        TestApi.Response xml = api.call(HttpMethod.GET, "/home", null, null, Map.of("Accept", "application/xml"));
        assertThat(xml.status()).isEqualTo(406);
        TestApi.Response json = api.call(HttpMethod.GET, "/home", null, null, Map.of("Accept", "application/json"));
        assertThat(json.status()).isEqualTo(200);
        // A refusal for such a client is still the refusal, never a failure to render it.
        TestApi.Response unknown = api.call(HttpMethod.GET, "/orders/no-such-order", api.newCustomer().token(), null,
                Map.of("Accept", "application/xml"));
        assertThat(unknown.status()).isIn(404, 406);
    }

    @Test
    void aBodyOverTheLimitIs413AndChangesNothing() throws Exception {
        String admin = api.adminToken();
        long eventsBefore = store.eventCount();
        String huge = "{\"name\":\"" + "x".repeat(1_100_000) + "\"}";

        TestApi.Response declared = api.post("/merchants", admin, huge);
        assertThat(declared.status()).isEqualTo(413);
        assertThat(declared.code()).isEqualTo("PAYLOAD_TOO_LARGE");

        // Chunked: no Content-Length, the limit trips while reading.
        HttpResponse<String> chunked = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/api/v1/merchants"))
                .header("Authorization", "Bearer " + admin).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(huge.getBytes())))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(chunked.statusCode()).isEqualTo(413);
        assertThat(chunked.body()).contains("PAYLOAD_TOO_LARGE");
        assertThat(store.eventCount()).isEqualTo(eventsBefore);
    }

    @Test
    void tokensNeedOurIssuerAndAnExpiry() {
        TestApi.User user = api.newCustomer();
        Instant now = Instant.now();
        assertThat(api.get("/users/me", token(user.userId(), "eventmall", now.plusSeconds(300))).status()).isEqualTo(200);
        assertThat(api.get("/users/me", token(user.userId(), null, now.plusSeconds(300))).status()).isEqualTo(401);
        assertThat(api.get("/users/me", token(user.userId(), "somebody-else", now.plusSeconds(300))).status()).isEqualTo(401);
        assertThat(api.get("/users/me", token(user.userId(), "eventmall", null)).status()).isEqualTo(401);
        assertThat(api.get("/users/me", token(user.userId(), "eventmall", now.minusSeconds(600))).status()).isEqualTo(401);
    }

    @Test
    void rolesAreGrantedOnlyFromTheRolesArray() {
        TestApi.User user = api.newCustomer();
        Instant later = Instant.now().plusSeconds(300);
        assertThat(api.get("/admin/projections", token(user.userId(), "eventmall", later, List.of("ADMIN"))).status())
                .isEqualTo(200);
        assertThat(api.get("/admin/projections", token(user.userId(), "eventmall", later, "ADMIN")).status())
                .isEqualTo(403);
        assertThat(api.get("/admin/projections", token(user.userId(), "eventmall", later, List.of("CUSTOMER"))).status())
                .isEqualTo(403);
    }

    private String token(String subject, String issuer, Instant expiresAt) {
        return token(subject, issuer, expiresAt, List.of("CUSTOMER"));
    }

    private String token(String subject, String issuer, Instant expiresAt, Object roles) {
        JwtClaimsSet.Builder claims = JwtClaimsSet.builder().subject(subject).issuedAt(Instant.now().minusSeconds(700))
                .claim("roles", roles);
        if (issuer != null) {
            claims.issuer(issuer);
        }
        if (expiresAt != null) {
            claims.expiresAt(expiresAt);
        }
        return jwtEncoder.encode(JwtEncoderParameters.from(JwsHeader.with(MacAlgorithm.HS256).build(), claims.build()))
                .getTokenValue();
    }

    private TestApi.Response register(String password) {
        String username = "p" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        return api.post("/users/register", null, Map.of("username", username, "password", password));
    }
}
