package io.eventmall.app.flashsale;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.eventmall.api.Refusal;
import io.eventmall.api.flashsale.FlashSaleView;
import io.eventmall.app.security.SecurityProperties;
import io.eventmall.app.web.ApiProblem;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * The hidden purchase path of the seckill design: a sale that requires it is bought only with a purchase token,
 * fetched shortly before the start ({@code mall.flash-sale.purchase-token-lead}), bound to the buyer and the sale, and
 * valid for {@code mall.flash-sale.purchase-token-ttl}. With {@code proofOfWorkBits} > 0 the token is handed out only
 * for a solved proof of work, a captcha that needs no outside service: a signed, expiring challenge for which the
 * client finds a nonce so that SHA-256(challenge + nonce) starts with that many zero bits.
 * <p>
 * Tokens and challenges are stateless: {@code payload.signature}, HMAC-SHA256 under a key derived from the JWT secret
 * (so every node checks them without sharing anything else). A real captcha provider would take the place of
 * {@link #redeem}: verify the provider's response token there, then issue the purchase token the same way.
 */
@Service
public class PurchaseTokens {

    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder BASE64URL_DECODER = Base64.getUrlDecoder();

    private final SaleTerms terms;
    private final Clock clock;
    private final Duration lead;
    private final Duration lifetime;
    private final byte[] key;
    private final SecureRandom random = new SecureRandom();

    PurchaseTokens(SaleTerms terms, Clock clock, SecurityProperties security,
                   @Value("${mall.flash-sale.purchase-token-lead:PT5S}") Duration lead,
                   @Value("${mall.flash-sale.purchase-token-ttl:PT60S}") Duration lifetime) {
        this.terms = terms;
        this.clock = clock;
        this.lead = lead;
        this.lifetime = lifetime;
        this.key = hmac(security.jwtSecret().getBytes(StandardCharsets.UTF_8),
                "eventmall purchase-token key".getBytes(StandardCharsets.UTF_8));
    }

    /** Either a token, or a challenge to solve for one: what GET /flash-sales/{id}/purchase-token answers. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Issued(String token, String challenge, Integer proofOfWorkBits, Instant expiresAt) {
    }

    public Issued request(String flashSaleId, String buyer) {
        FlashSaleView sale = terms.of(flashSaleId);
        Instant now = clock.instant();
        if (now.isBefore(sale.startsAt().minus(lead))) {
            throw ApiProblem.of(Refusal.NOT_STARTED, "purchase tokens of flash sale " + flashSaleId + " are handed out from "
                    + sale.startsAt().minus(lead));
        }
        if (!now.isBefore(sale.endsAt())) {
            throw ApiProblem.of(Refusal.ENDED, "flash sale " + flashSaleId + " ended at " + sale.endsAt());
        }
        Instant expiresAt = now.plus(lifetime);
        if (sale.proofOfWorkBits() > 0) {
            byte[] salt = new byte[12];
            random.nextBytes(salt);
            String payload = String.join("|", "challenge", flashSaleId, buyer, Integer.toString(sale.proofOfWorkBits()),
                    Long.toString(expiresAt.toEpochMilli()), BASE64URL.encodeToString(salt));
            return new Issued(null, signed(payload), sale.proofOfWorkBits(), expiresAt);
        }
        return new Issued(token(flashSaleId, buyer, expiresAt), null, null, expiresAt);
    }

    /** A solved challenge for a token: 400 PROOF_INVALID for anything but this buyer's unexpired, solved challenge. */
    public Issued redeem(String flashSaleId, String buyer, String challenge, long nonce) {
        String[] fields = verified(challenge);
        Instant now = clock.instant();
        if (fields == null || fields.length != 6 || !fields[0].equals("challenge") || !fields[1].equals(flashSaleId)
                || !fields[2].equals(buyer) || now.toEpochMilli() >= Long.parseLong(fields[4])) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, "PROOF_INVALID",
                    "not a challenge of this sale for this buyer, or it expired: ask for a new one");
        }
        int bits = Integer.parseInt(fields[3]);
        if (leadingZeroBits(sha256(challenge + nonce)) < bits) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, "PROOF_INVALID",
                    "SHA-256(challenge + nonce) does not start with " + bits + " zero bits");
        }
        Instant expiresAt = now.plus(lifetime);
        return new Issued(token(flashSaleId, buyer, expiresAt), null, null, expiresAt);
    }

    /**
     * Before the gate: a sale that requires a token is bought only with this buyer's unexpired token for it. A sale
     * the read model does not show yet (scheduled a moment ago by a command, not through the API, which waits for the
     * read model) is left to the aggregate: it refuses it if it does not exist, and before its start.
     */
    void requireFor(String flashSaleId, String buyer, String token) {
        if (!terms.find(flashSaleId).map(FlashSaleView::requirePurchaseToken).orElse(false)) {
            return;
        }
        String[] fields = token == null ? null : verified(token);
        if (fields == null || fields.length != 4 || !fields[0].equals("token") || !fields[1].equals(flashSaleId)
                || !fields[2].equals(buyer) || clock.millis() >= Long.parseLong(fields[3])) {
            throw new ApiProblem(HttpStatus.FORBIDDEN, "PURCHASE_TOKEN_INVALID",
                    "flash sale " + flashSaleId + " is bought with a purchase token of your own: GET its purchase-token first");
        }
    }

    private String token(String flashSaleId, String buyer, Instant expiresAt) {
        return signed(String.join("|", "token", flashSaleId, buyer, Long.toString(expiresAt.toEpochMilli())));
    }

    private String signed(String payload) {
        byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
        return BASE64URL.encodeToString(bytes) + "." + BASE64URL.encodeToString(hmac(key, bytes));
    }

    /** The payload's fields if the signature is ours, else null. */
    private String[] verified(String signed) {
        int dot = signed.indexOf('.');
        if (dot < 0) {
            return null;
        }
        try {
            byte[] payload = BASE64URL_DECODER.decode(signed.substring(0, dot));
            byte[] signature = BASE64URL_DECODER.decode(signed.substring(dot + 1));
            if (!MessageDigest.isEqual(signature, hmac(key, payload))) {
                return null;
            }
            String[] fields = new String(payload, StandardCharsets.UTF_8).split("\\|", -1);
            for (String field : fields) {
                if (field.isEmpty()) {
                    return null;
                }
            }
            return fields;
        } catch (IllegalArgumentException malformed) {
            return null;
        }
    }

    static int leadingZeroBits(byte[] digest) {
        int bits = 0;
        for (byte b : digest) {
            if (b == 0) {
                bits += 8;
                continue;
            }
            return bits + Integer.numberOfLeadingZeros(b & 0xff) - 24;
        }
        return bits;
    }

    static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
