package io.eventmall.benchmarks;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Access tokens for buyers of a local benchmark instance, minted the way the application's TokenIssuer does (HS256,
 * issuer, subject, expiry, roles) with the instance's development secret: tens of thousands of distinct buyers in a
 * second, where registering and logging each in would take minutes. Only for an instance running the dev secret.
 */
final class BenchmarkTokens {

    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final Mac mac;
    private final String issuer;

    BenchmarkTokens(String secret, String issuer) throws GeneralSecurityException {
        this.mac = Mac.getInstance("HmacSHA256");
        this.mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        this.issuer = issuer;
    }

    /** A CUSTOMER token for a new buyer id, valid for {@code lifetime}. */
    String newBuyer(Duration lifetime) {
        String userId = UUID.randomUUID().toString();
        Instant now = Instant.now();
        String header = encode("{\"alg\":\"HS256\",\"typ\":\"JWT\"}");
        String claims = encode("{\"iss\":\"" + issuer + "\",\"sub\":\"" + userId + "\",\"iat\":" + now.getEpochSecond()
                + ",\"exp\":" + now.plus(lifetime).getEpochSecond() + ",\"username\":\"buyer-" + userId
                + "\",\"roles\":[\"CUSTOMER\"]}");
        String signingInput = header + "." + claims;
        return signingInput + "." + BASE64URL.encodeToString(mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII)));
    }

    private static String encode(String json) {
        return BASE64URL.encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
