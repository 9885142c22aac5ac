package io.eventmall.app.config;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.UUID;
import org.axonframework.common.jpa.EntityManagerProvider;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jpa.JpaTokenStore;
import org.axonframework.serialization.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Which application instance holds which event processor segment is recorded in {@code token_entry} under a node id.
 * Axon's default id is the JVM's name ({@code pid@host}), which two application instances in one JVM share, as the
 * multi-instance tests run them: each would take the other's claims for its own, both would handle every event, and
 * a saga would schedule its payment deadline twice. So every application instance claims under an id of its own,
 * {@code mall.node.id}, by default the JVM's name and a random suffix.
 */
@Configuration
public class ProcessorClaimsConfig {

    private static final Logger log = LoggerFactory.getLogger(ProcessorClaimsConfig.class);

    @Bean
    public TokenStore tokenStore(EntityManagerProvider entityManagerProvider, Serializer serializer,
                                 @Value("${mall.node.id:}") String configuredNodeId,
                                 @Value("${axon.eventhandling.tokenstore.claim-timeout:10s}") Duration claimTimeout) {
        String nodeId = configuredNodeId.isBlank() ? defaultNodeId() : configuredNodeId;
        log.info("this instance claims event processor segments as node {} (a claim not extended for {} is taken over)",
                nodeId, claimTimeout);
        return JpaTokenStore.builder()
                .entityManagerProvider(entityManagerProvider)
                .serializer(serializer)
                .nodeId(nodeId)
                .claimTimeout(claimTimeout)
                .build();
    }

    static String defaultNodeId() {
        return ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID().toString().substring(0, 8);
    }
}
