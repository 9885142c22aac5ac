package io.eventmall.app.identity;

import io.eventmall.app.web.ApiProblem;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Seals personal data with a key of its owner (AES-256-GCM, the user id as associated data, so a sealed value
 * cannot be passed off as another user's) before it goes into a command and so into the event history, and
 * opens it for its readers. {@link #forget} destroys the key: every sealed value of that user, in every event and
 * read model, becomes unreadable while the history itself stays complete and verifiable (crypto-shredding).
 * Values that are not sealed (written before this existed) pass through unchanged.
 */
@Component
public class PersonalDataVault {

    private static final Logger log = LoggerFactory.getLogger(PersonalDataVault.class);
    static final String PREFIX = "pd1:";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final JdbcTemplate jdbc;
    private final SecureRandom random = new SecureRandom();

    PersonalDataVault(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The sealed form of {@code value} (null stays null). */
    public String seal(String userId, String value) {
        if (value == null) {
            return null;
        }
        byte[] key = keyToSeal(userId);
        byte[] iv = new byte[IV_BYTES];
        random.nextBytes(iv);
        byte[] sealed = crypt(Cipher.ENCRYPT_MODE, key, iv, userId, value.getBytes(StandardCharsets.UTF_8));
        byte[] out = new byte[IV_BYTES + sealed.length];
        System.arraycopy(iv, 0, out, 0, IV_BYTES);
        System.arraycopy(sealed, 0, out, IV_BYTES, sealed.length);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(out);
    }

    /** The clear value, or null once its owner was forgotten (or when it does not open with their key). */
    public String open(String userId, String value) {
        if (value == null || !value.startsWith(PREFIX)) {
            return value;
        }
        Optional<byte[]> key = key(userId);
        if (key.isEmpty()) {
            return null;
        }
        try {
            byte[] in = Base64.getUrlDecoder().decode(value.substring(PREFIX.length()));
            byte[] iv = java.util.Arrays.copyOfRange(in, 0, IV_BYTES);
            byte[] sealed = java.util.Arrays.copyOfRange(in, IV_BYTES, in.length);
            return new String(crypt(Cipher.DECRYPT_MODE, key.get(), iv, userId, sealed), StandardCharsets.UTF_8);
        } catch (RuntimeException notOurs) {
            log.warn("a sealed value of user {} does not open: {}", userId, notOurs.getMessage());
            return null;
        }
    }

    /** Destroys the user's key for good; a forgotten user gets no new one. */
    public void forget(String userId) {
        jdbc.update("""
                INSERT INTO user_data_key (user_id, data_key, forgotten_at) VALUES (?, NULL, now())
                ON CONFLICT (user_id) DO UPDATE SET data_key = NULL, forgotten_at = now()""", userId);
        log.info("personal data key of user {} destroyed", userId);
    }

    private byte[] keyToSeal(String userId) {
        byte[] fresh = new byte[32];
        random.nextBytes(fresh);
        jdbc.update("INSERT INTO user_data_key (user_id, data_key) VALUES (?, ?) ON CONFLICT (user_id) DO NOTHING",
                userId, fresh);
        return key(userId).orElseThrow(() -> new ApiProblem(HttpStatus.FORBIDDEN, "FORBIDDEN",
                "this account was deleted"));
    }

    private Optional<byte[]> key(String userId) {
        return jdbc.query("SELECT data_key FROM user_data_key WHERE user_id = ?", (rs, row) -> rs.getBytes(1), userId)
                .stream().filter(java.util.Objects::nonNull).findFirst();
    }

    private static byte[] crypt(int mode, byte[] key, byte[] iv, String userId, byte[] input) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(userId.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(input);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM failed: " + e.getMessage(), e);
        }
    }
}
