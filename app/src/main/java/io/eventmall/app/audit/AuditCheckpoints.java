package io.eventmall.app.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eventmall.api.Refusal;
import io.eventmall.app.web.ApiProblem;
import io.eventmall.query.audit.IntegrityChain;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Issues signed checkpoints of the integrity chain and proves the history against them. A checkpoint is only
 * issued for a head this process recomputed from the stored events, so it never vouches for a chain that was
 * already broken; verification recomputes every link from the events and compares the chain at the
 * checkpoint's position with the signed hash.
 */
@Component
public class AuditCheckpoints {

    private static final Logger log = LoggerFactory.getLogger(AuditCheckpoints.class);

    private final IntegrityChain chain;
    private final CheckpointSigner signer;
    private final ObjectMapper json;
    private final Clock clock;

    AuditCheckpoints(IntegrityChain chain, CheckpointSigner signer, ObjectMapper json, Clock clock) {
        this.chain = chain;
        this.signer = signer;
        this.json = json;
        this.clock = clock;
    }

    public AuditCheckpoint issue() {
        IntegrityChain.Link head = chain.verifiedHead().orElseThrow(() -> ApiProblem.of(Refusal.INVALID_STATE,
                "no checkpoint: the integrity chain is empty or does not match the stored events (see /audit/verify)"));
        Instant issuedAt = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        String signature = signer.sign(head.position(), head.hash(), issuedAt.toString());
        log.info("audit checkpoint issued at position {} (link {}), hash {}", head.position(), head.link(), head.hash());
        return new AuditCheckpoint(head.position(), head.hash(), signature, issuedAt, signer.keyId());
    }

    public IntegrityChain.Verdict verify(String checkpointJson) {
        if (checkpointJson == null) {
            return chain.verify();
        }
        AuditCheckpoint checkpoint = parse(checkpointJson);
        if (!signer.verify(checkpoint.position(), checkpoint.hash(), checkpoint.issuedAt().toString(),
                checkpoint.signature())) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, "BAD_SIGNATURE",
                    "the checkpoint's signature does not verify with this system's key " + signer.keyId());
        }
        IntegrityChain.Verdict verdict = chain.verify(checkpoint.position(), checkpoint.hash());
        if (!verdict.valid()) {
            log.warn("audit verification against the checkpoint at position {} failed: {}", checkpoint.position(), verdict);
        }
        return verdict;
    }

    public Map<String, Object> publicKey() {
        return Map.of("algorithm", CheckpointSigner.ALGORITHM, "keyId", signer.keyId(),
                "publicKey", java.util.Base64.getEncoder().encodeToString(signer.publicKeyDer()),
                "publicKeyPem", signer.publicKeyPem(),
                "signedMessage", "UTF-8 of \"eventmall-audit-checkpoint-v1\\n<position>\\n<hash>\\n<issuedAt>\"");
    }

    private AuditCheckpoint parse(String checkpointJson) {
        try {
            AuditCheckpoint checkpoint = json.readValue(checkpointJson, AuditCheckpoint.class);
            if (checkpoint.hash() == null || checkpoint.signature() == null || checkpoint.issuedAt() == null
                    || checkpoint.position() < 1) {
                throw ApiProblem.of(Refusal.VALIDATION_FAILED, "a checkpoint has position, hash, signature and issuedAt");
            }
            return checkpoint;
        } catch (JsonProcessingException e) {
            throw ApiProblem.of(Refusal.VALIDATION_FAILED, "checkpoint is not the JSON of a checkpoint: "
                    + e.getOriginalMessage());
        }
    }
}
