package io.eventmall.app.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Signs and checks audit checkpoints with Ed25519 (the JDK's own provider). The signed message is the
 * UTF-8 text {@code eventmall-audit-checkpoint-v1\n<position>\n<hash>\n<issuedAt>}; the public key is
 * served (GET /audit/public-key) so that anyone can check a checkpoint without this system.
 */
@Component
public class CheckpointSigner {

    static final String ALGORITHM = "Ed25519";
    private static final Logger log = LoggerFactory.getLogger(CheckpointSigner.class);
    private static final String DOMAIN = "eventmall-audit-checkpoint-v1";

    private final PrivateKey privateKey;
    private final PublicKey publicKey;
    private final String keyId;

    CheckpointSigner(AuditSigningProperties properties) {
        KeyPair keys = load(properties);
        this.privateKey = keys.getPrivate();
        this.publicKey = keys.getPublic();
        this.keyId = HexFormat.of().formatHex(sha256(publicKey.getEncoded()), 0, 8);
        byte[] probe = message(0, "probe", "probe");
        if (!verify(probe, sign(probe))) {
            throw new IllegalStateException("the audit signing key does not verify its own signature");
        }
        log.info("audit checkpoints are signed with Ed25519 key {}", keyId);
    }

    /** The first 8 bytes of SHA-256 of the public key's X.509 encoding, in hex: names the key in a checkpoint. */
    public String keyId() {
        return keyId;
    }

    /** X.509 SubjectPublicKeyInfo, DER. */
    public byte[] publicKeyDer() {
        return publicKey.getEncoded();
    }

    public String publicKeyPem() {
        return "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(publicKeyDer()) + "\n-----END PUBLIC KEY-----\n";
    }

    public String sign(long position, String hash, String issuedAt) {
        return Base64.getEncoder().encodeToString(sign(message(position, hash, issuedAt)));
    }

    /** False for a signature that is malformed, made by another key, or over other values. */
    public boolean verify(long position, String hash, String issuedAt, String signature) {
        try {
            return verify(message(position, hash, issuedAt), Base64.getDecoder().decode(signature));
        } catch (IllegalArgumentException malformed) {
            return false;
        }
    }

    static byte[] message(long position, String hash, String issuedAt) {
        return (DOMAIN + "\n" + position + "\n" + hash + "\n" + issuedAt).getBytes(StandardCharsets.UTF_8);
    }

    private byte[] sign(byte[] message) {
        try {
            Signature signature = Signature.getInstance(ALGORITHM);
            signature.initSign(privateKey);
            signature.update(message);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 signing failed", e);
        }
    }

    private boolean verify(byte[] message, byte[] signatureBytes) {
        try {
            Signature signature = Signature.getInstance(ALGORITHM);
            signature.initVerify(publicKey);
            signature.update(message);
            return signature.verify(signatureBytes);
        } catch (java.security.SignatureException malformed) {
            return false;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 verification failed", e);
        }
    }

    private static KeyPair load(AuditSigningProperties properties) {
        String encoded = properties.privateKey();
        if ((encoded == null || encoded.isBlank()) && properties.privateKeyFile() != null) {
            try {
                encoded = Files.readString(properties.privateKeyFile());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read mall.audit.signing.private-key-file "
                        + properties.privateKeyFile(), e);
            }
        }
        try {
            if (encoded == null || encoded.isBlank()) {
                log.warn("mall.audit.signing.private-key(-file) is not set: audit checkpoints are signed with an "
                        + "ephemeral key that is lost at shutdown; configure a key in any real deployment");
                return KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
            }
            String base64 = encoded.replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").replaceAll("\\s", "");
            PrivateKey key = KeyFactory.getInstance(ALGORITHM)
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
            return new KeyPair(publicKeyOf((EdECPrivateKey) key), key);
        } catch (GeneralSecurityException | IllegalArgumentException | ClassCastException e) {
            throw new IllegalStateException("mall.audit.signing: not an Ed25519 PKCS#8 private key", e);
        }
    }

    /**
     * The JDK has no public call that derives an Ed25519 public key from the private one, but its key pair
     * generator takes the private key's 32 bytes from the random source it is given: given those bytes, it
     * computes the matching public key. The constructor's probe signature checks the result.
     */
    private static PublicKey publicKeyOf(EdECPrivateKey key) throws GeneralSecurityException {
        byte[] seed = key.getBytes().orElseThrow(() -> new IllegalStateException("the private key hides its bytes"));
        KeyPairGenerator generator = KeyPairGenerator.getInstance(ALGORITHM);
        generator.initialize(NamedParameterSpec.ED25519, new SecureRandom() {
            @Override
            public void nextBytes(byte[] bytes) {
                System.arraycopy(seed, 0, bytes, 0, Math.min(seed.length, bytes.length));
            }
        });
        return generator.generateKeyPair().getPublic();
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
