package io.eventmall.app.config;

import javax.sql.DataSource;
import org.axonframework.modelling.saga.repository.SagaStore;
import org.axonframework.modelling.saga.repository.jdbc.JdbcSagaStore;
import org.axonframework.modelling.saga.repository.jdbc.PostgresSagaSqlSchema;
import org.axonframework.modelling.saga.repository.jdbc.SagaSchema;
import org.axonframework.serialization.Serializer;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Sagas are kept by Axon's JDBC saga store, on Flyway V1's tables (the JPA entities' snake-case columns) and in the
 * processor's own transaction (the connection Spring's transaction manager holds). Measured, the JPA store spent a
 * third of the order process's time in Hibernate: every association lookup flushed the persistence context first,
 * dirty-checking every saga and token the batch had touched, and a new order's process looks its order up twice
 * before its first commit. The JDBC store sends the same statements without a persistence context.
 * {@code mall.saga-store.engine=jpa} goes back to Axon's JPA store; both read and write the same rows.
 */
@Configuration
@ConditionalOnProperty(name = "mall.saga-store.engine", havingValue = "jdbc", matchIfMissing = true)
public class SagaStoreConfig {

    static SagaSchema sagaSchema() {
        return SagaSchema.builder()
                .sagaEntryTable("saga_entry")
                .associationValueEntryTable("association_value_entry")
                .sagaIdColumn("saga_id")
                .sagaTypeColumn("saga_type")
                .serializedSagaColumn("serialized_saga")
                .associationKeyColumn("association_key")
                .associationValueColumn("association_value")
                .revisionColumn("revision")
                .build();
    }

    @Bean
    public SagaStore<Object> sagaStore(Serializer serializer, DataSource dataSource) {
        return JdbcSagaStore.builder()
                .connectionProvider(new SpringDataSourceConnectionProvider(dataSource))
                .sqlSchema(new PostgresSagaSqlSchema(sagaSchema()))
                .serializer(serializer)
                .build();
    }
}
