package io.eventmall.app.config;

import javax.sql.DataSource;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Events are appended by Axon's JDBC storage engine on the same tables and the same transaction as before (Flyway V1;
 * JPA still keeps tokens, sagas and dead letters). Measured, the JPA engine cost one round trip per event to fetch its
 * global index from the sequence ({@code allocationSize} 1, which several nodes need so that no index is handed out
 * long before it is committed) and so a batch of 500 flash-sale purchases 500 round trips; the JDBC engine sends a
 * batch's events as one JDBC batch and lets PostgreSQL assign the index ({@code DEFAULT nextval}, V33) as each row is
 * inserted, the same order of allocation without the round trips. {@code mall.event-store.engine=jpa} goes back to
 * Axon's JPA engine; with Axon Server neither is used.
 */
@Configuration
@ConditionalOnExpression("!${axon.axonserver.enabled:true} && '${mall.event-store.engine:jdbc}' == 'jdbc'")
public class EventStoreConfig {

    /** The columns of Flyway's V1 tables, which are Axon's JPA entities' (snake case) rather than the JDBC defaults. */
    static EventSchema eventSchema() {
        return EventSchema.builder()
                .eventTable("domain_event_entry")
                .snapshotTable("snapshot_event_entry")
                .globalIndexColumn("global_index")
                .timestampColumn("time_stamp")
                .eventIdentifierColumn("event_identifier")
                .aggregateIdentifierColumn("aggregate_identifier")
                .sequenceNumberColumn("sequence_number")
                .typeColumn("type")
                .payloadTypeColumn("payload_type")
                .payloadRevisionColumn("payload_revision")
                .payloadColumn("payload")
                .metaDataColumn("meta_data")
                .build();
    }

    @Bean
    public EventStorageEngine eventStorageEngine(Serializer defaultSerializer,
                                                 PersistenceExceptionResolver persistenceExceptionResolver,
                                                 @Qualifier("eventSerializer") Serializer eventSerializer,
                                                 org.axonframework.config.Configuration configuration,
                                                 TransactionManager transactionManager, DataSource dataSource) {
        return JdbcEventStorageEngine.builder()
                .snapshotSerializer(defaultSerializer)
                .upcasterChain(configuration.upcasterChain())
                .persistenceExceptionResolver(persistenceExceptionResolver)
                .eventSerializer(eventSerializer)
                .snapshotFilter(configuration.snapshotFilter())
                .connectionProvider(new SpringDataSourceConnectionProvider(dataSource))
                .transactionManager(transactionManager)
                .schema(eventSchema())
                .build();
    }
}
