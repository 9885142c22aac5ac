package io.eventmall.app.audit;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code mall.audit.signing.*}: the Ed25519 private key that signs audit checkpoints, as PKCS#8 (PEM text or
 * Base64 of the DER) in {@code private-key}, or in the file {@code private-key-file}. Keep it out of the
 * database and out of the repository: a checkpoint proves something only against someone who cannot sign.
 * Without either, an ephemeral key is generated at start-up (and a warning logged): its checkpoints cannot be
 * verified after a restart.
 */
@ConfigurationProperties("mall.audit.signing")
public record AuditSigningProperties(String privateKey, Path privateKeyFile) {
}
