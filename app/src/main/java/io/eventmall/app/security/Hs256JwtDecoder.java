package io.eventmall.app.security;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidationException;

/**
 * Decodes the tokens {@link TokenIssuer} signs: compact JWS, HS256 with our one key, nothing else. Spring's
 * {@code NimbusJwtDecoder} does the same for any algorithm and key source, and pays for that generality on every
 * request: it parses the token's JSON twice, selects the key through a JWK source and builds a verifier (a fresh
 * {@link Mac}) per token, 8.6% of a flash-sale purchase's request CPU in the spike's profile. Here each part is
 * decoded once, the header must say exactly {@code {"alg":"HS256"}} (and may say {@code "typ":"JWT"}), the signature
 * is compared in constant time with the one computed by a {@link Mac} kept per thread, and the claims go through the
 * same claim conversion and validators as before ({@link SecurityConfig#tokenRules}). Anything else is refused as a
 * bad token (401).
 */
final class Hs256JwtDecoder implements JwtDecoder {

    private static final TypeReference<Map<String, Object>> JSON_OBJECT = new TypeReference<>() {
    };
    private static final Base64.Decoder BASE64URL = Base64.getUrlDecoder();

    /** A header or payload that names a member twice is refused, not read as its last value. */
    private final ObjectMapper json = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    private final ThreadLocal<Mac> macs;
    private final Converter<Map<String, Object>, Map<String, Object>> claimConversion;
    private final OAuth2TokenValidator<Jwt> rules;

    Hs256JwtDecoder(SecretKey key, Converter<Map<String, Object>, Map<String, Object>> claimConversion,
                    OAuth2TokenValidator<Jwt> rules) {
        this.claimConversion = claimConversion;
        this.rules = rules;
        this.macs = ThreadLocal.withInitial(() -> {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(key);
                return mac;
            } catch (GeneralSecurityException unavailable) {
                throw new IllegalStateException("HmacSHA256 is not available", unavailable);
            }
        });
        // A key HmacSHA256 refuses fails the start-up, not the first request.
        macs.get();
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        if (token == null) {
            throw malformed("no token");
        }
        int firstDot = token.indexOf('.');
        int secondDot = firstDot < 0 ? -1 : token.indexOf('.', firstDot + 1);
        if (firstDot < 0 || secondDot < 0 || token.indexOf('.', secondDot + 1) >= 0) {
            throw malformed("not a compact JWS");
        }
        Map<String, Object> header = object(token.substring(0, firstDot), "header");
        if (!"HS256".equals(header.get("alg")) || !(header.size() == 1
                || header.size() == 2 && "JWT".equals(header.get("typ")))) {
            throw malformed("only HS256 tokens without further header parameters are accepted");
        }
        byte[] signature = base64(token.substring(secondDot + 1), "signature");
        Mac mac = macs.get();
        byte[] expected = mac.doFinal(token.substring(0, secondDot).getBytes(StandardCharsets.US_ASCII));
        if (!MessageDigest.isEqual(expected, signature)) {
            throw malformed("signature does not match");
        }
        Map<String, Object> payload = object(token.substring(firstDot + 1, secondDot), "payload");
        Jwt jwt;
        try {
            // Claims of the wrong type ("exp": "soon") fail the conversion, an expiry before the issue time the build.
            Map<String, Object> claims = claimConversion.convert(payload);
            jwt = Jwt.withTokenValue(token).headers(headers -> headers.putAll(header))
                    .claims(values -> values.putAll(claims)).build();
        } catch (IllegalArgumentException | IllegalStateException invalid) {
            throw malformed(invalid.getMessage());
        }
        OAuth2TokenValidatorResult result = rules.validate(jwt);
        if (result.hasErrors()) {
            throw new JwtValidationException("the token is not valid: " + result.getErrors().iterator().next()
                    .getDescription(), result.getErrors());
        }
        return jwt;
    }

    private Map<String, Object> object(String part, String what) {
        try {
            Map<String, Object> object = json.readValue(base64(part, what), JSON_OBJECT);
            if (object == null) {
                throw malformed("the " + what + " is not a JSON object");
            }
            return object;
        } catch (IOException notJson) {
            throw malformed("the " + what + " is not a JSON object");
        }
    }

    private static byte[] base64(String part, String what) {
        try {
            return BASE64URL.decode(part);
        } catch (IllegalArgumentException notBase64) {
            throw malformed("the " + what + " is not base64url");
        }
    }

    private static BadJwtException malformed(String why) {
        return new BadJwtException("An error occurred while attempting to decode the Jwt: " + why);
    }
}
