package io.eventmall.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventmall.saga.order.OrderFulfilment;
import java.util.Set;
import java.util.UUID;
import org.axonframework.modelling.saga.AssociationValue;
import org.axonframework.modelling.saga.repository.SagaStore;
import org.axonframework.modelling.saga.repository.jdbc.JdbcSagaStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** Sagas go through Axon's JDBC saga store, on the tables (and rows) the JPA store wrote before it. */
@IntegrationTest
class SagaStoreIntegrationTest {

    @Autowired
    SagaStore<Object> sagaStore;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aSagaIsStoredWithItsAssociationsAndFoundByThem() {
        String sagaId = UUID.randomUUID().toString();
        String orderId = "order-" + sagaId;

        sagaStore.insertSaga(OrderFulfilment.class, sagaId, new OrderFulfilment(),
                Set.of(new AssociationValue("orderId", orderId)));

        assertThat(sagaStore).isInstanceOf(JdbcSagaStore.class);
        assertThat(sagaStore.findSagas(OrderFulfilment.class, new AssociationValue("orderId", orderId)))
                .containsExactly(sagaId);
        assertThat(jdbc.queryForObject("SELECT id FROM association_value_entry WHERE saga_id = ?", Long.class, sagaId))
                .isPositive();
        assertThat(sagaStore.loadSaga(OrderFulfilment.class, sagaId).associationValues())
                .containsExactly(new AssociationValue("orderId", orderId));
    }

    @Test
    void aSagaTheJpaStoreWroteIsFoundLoadedAndEnded() {
        String template = UUID.randomUUID().toString();
        sagaStore.insertSaga(OrderFulfilment.class, template, new OrderFulfilment(), Set.of());
        byte[] serialized = jdbc.queryForObject("SELECT serialized_saga FROM saga_entry WHERE saga_id = ?",
                byte[].class, template);
        // The rows as the JPA store wrote them: the association's id drawn by the application from the sequence.
        String sagaId = UUID.randomUUID().toString();
        String orderId = "order-" + sagaId;
        jdbc.update("INSERT INTO saga_entry (saga_id, saga_type, revision, serialized_saga) VALUES (?, ?, NULL, ?)",
                sagaId, OrderFulfilment.class.getName(), serialized);
        jdbc.update("""
                INSERT INTO association_value_entry (id, association_key, association_value, saga_id, saga_type)
                VALUES (nextval('association_value_entry_seq') - 25, 'orderId', ?, ?, ?)""",
                orderId, sagaId, OrderFulfilment.class.getName());

        assertThat(sagaStore.findSagas(OrderFulfilment.class, new AssociationValue("orderId", orderId)))
                .containsExactly(sagaId);
        assertThat(sagaStore.loadSaga(OrderFulfilment.class, sagaId).saga()).isInstanceOf(OrderFulfilment.class);

        sagaStore.deleteSaga(OrderFulfilment.class, sagaId, Set.of(new AssociationValue("orderId", orderId)));
        assertThat(sagaStore.findSagas(OrderFulfilment.class, new AssociationValue("orderId", orderId))).isEmpty();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM saga_entry WHERE saga_id = ?", Long.class, sagaId))
                .isZero();
    }
}
