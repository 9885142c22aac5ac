package io.eventmall.app.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.source.ImmutableSecret;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.MappedJwtClaimSetConverter;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

/** The HS256 decoder reads our tokens as Spring's Nimbus decoder did, and refuses every other kind. */
class Hs256JwtDecoderTest {

    private static final String ISSUER = "eventmall";
    private final SecretKey key = key("a-test-secret-of-at-least-thirty-two-bytes!");
    private final NimbusJwtEncoder encoder = new NimbusJwtEncoder(new ImmutableSecret<>(key));
    private final Hs256JwtDecoder decoder = new Hs256JwtDecoder(key, MappedJwtClaimSetConverter.withDefaults(
            Map.of(JwtClaimNames.ISS, issuer -> issuer == null ? null : issuer.toString())),
            SecurityConfig.tokenRules(ISSUER));

    @Test
    void readsOurTokensAsNimbusDoes() {
        String token = token(ISSUER, Instant.now().plusSeconds(300), List.of("CUSTOMER", "MERCHANT"));
        NimbusJwtDecoder nimbus = NimbusJwtDecoder.withSecretKey(key).macAlgorithm(MacAlgorithm.HS256).build();
        nimbus.setClaimSetConverter(MappedJwtClaimSetConverter.withDefaults(
                Map.of(JwtClaimNames.ISS, issuer -> issuer == null ? null : issuer.toString())));
        Jwt expected = nimbus.decode(token);

        Jwt decoded = decoder.decode(token);
        assertThat(decoded.getClaims()).isEqualTo(expected.getClaims());
        assertThat(decoded.getHeaders()).isEqualTo(expected.getHeaders());
        assertThat(decoded.getSubject()).isEqualTo("user-1");
        assertThat(decoded.getExpiresAt()).isEqualTo(expected.getExpiresAt());
        assertThat(decoded.getClaims().get(SecurityConfig.ROLES_CLAIM)).isEqualTo(List.of("CUSTOMER", "MERCHANT"));
    }

    @Test
    void refusesATokenWhoseSignatureDoesNotMatch() {
        String token = token(ISSUER, Instant.now().plusSeconds(300), List.of("CUSTOMER"));
        String[] parts = token.split("\\.");
        String admin = encode("{\"sub\":\"user-1\",\"iss\":\"eventmall\",\"exp\":" + Instant.now().plusSeconds(300)
                .getEpochSecond() + ",\"roles\":[\"ADMIN\"]}");
        assertThatThrownBy(() -> decoder.decode(parts[0] + "." + admin + "." + parts[2]))
                .isInstanceOf(BadJwtException.class).hasMessageContaining("signature");

        String otherKeys = new Hs256JwtDecoderTest().signedWith(key("another-secret-of-at-least-thirty-two-bytes"),
                parts[0] + "." + parts[1]);
        assertThatThrownBy(() -> decoder.decode(otherKeys)).isInstanceOf(BadJwtException.class);
    }

    @Test
    void refusesOtherAlgorithmsAndHeaderParameters() {
        String payload = encode("{\"sub\":\"user-1\",\"iss\":\"eventmall\",\"exp\":" + Instant.now().plusSeconds(300)
                .getEpochSecond() + "}");
        assertThatThrownBy(() -> decoder.decode(encode("{\"alg\":\"none\"}") + "." + payload + "."))
                .isInstanceOf(BadJwtException.class);
        for (String header : List.of("{\"alg\":\"HS512\"}", "{\"alg\":\"HS256\",\"crit\":[\"exp\"]}",
                "{\"alg\":\"HS256\",\"kid\":\"x\"}", "{\"alg\":\"HS256\",\"alg\":\"HS256\"}", "{}", "[]", "\"HS256\"")) {
            String signingInput = encode(header) + "." + payload;
            assertThatThrownBy(() -> decoder.decode(signedWith(key, signingInput))).as(header)
                    .isInstanceOf(BadJwtException.class);
        }
        String typed = signedWith(key, encode("{\"alg\":\"HS256\",\"typ\":\"JWT\"}") + "." + payload);
        assertThat(decoder.decode(typed).getSubject()).isEqualTo("user-1");
    }

    @Test
    void refusesWhatIsNotACompactToken() {
        String token = token(ISSUER, Instant.now().plusSeconds(300), List.of("CUSTOMER"));
        for (String malformed : List.of("", "abc", "a.b", token + ".x", token.replace('.', '!'),
                token.substring(0, token.lastIndexOf('.') + 1) + "*not-base64*",
                signedWith(key, encode("{\"alg\":\"HS256\"}") + "." + encode("not json")),
                signedWith(key, encode("{\"alg\":\"HS256\"}") + "." + encode("{\"exp\":\"soon\"}")),
                signedWith(key, encode("{\"alg\":\"HS256\"}") + "." + encode("{\"iat\":20,\"exp\":10}")))) {
            assertThatThrownBy(() -> decoder.decode(malformed)).as(malformed).isInstanceOf(BadJwtException.class);
        }
        assertThatThrownBy(() -> decoder.decode(null)).isInstanceOf(BadJwtException.class);
    }

    @Test
    void validatesIssuerAndExpiryAsBefore() {
        assertThatThrownBy(() -> decoder.decode(token(ISSUER, Instant.now().minusSeconds(600), List.of())))
                .isInstanceOf(JwtValidationException.class);
        assertThatThrownBy(() -> decoder.decode(token("somebody-else", Instant.now().plusSeconds(300), List.of())))
                .isInstanceOf(JwtValidationException.class);
        assertThatThrownBy(() -> decoder.decode(token(ISSUER, null, List.of())))
                .isInstanceOf(JwtValidationException.class);
    }

    private String token(String issuer, Instant expiresAt, List<String> roles) {
        Instant issuedAt = expiresAt == null ? Instant.now() : expiresAt.minusSeconds(60);
        JwtClaimsSet.Builder claims = JwtClaimsSet.builder().subject("user-1").issuedAt(issuedAt)
                .claim("username", "alice").claim(SecurityConfig.ROLES_CLAIM, roles);
        if (issuer != null) {
            claims.issuer(issuer);
        }
        if (expiresAt != null) {
            claims.expiresAt(expiresAt);
        }
        return encoder.encode(JwtEncoderParameters.from(JwsHeader.with(MacAlgorithm.HS256).build(), claims.build()))
                .getTokenValue();
    }

    private String signedWith(SecretKey signingKey, String signingInput) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(signingKey);
            return signingInput + "." + Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII)));
        } catch (Exception unavailable) {
            throw new IllegalStateException(unavailable);
        }
    }

    private static String encode(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static SecretKey key(String secret) {
        return new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }
}
