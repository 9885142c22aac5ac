package io.eventmall.command;

import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.modelling.command.Repository;

import java.util.ArrayList;
import java.util.List;

/**
 * Real event-sourced repositories over an in-memory event store: an AggregateTestFixture serves one aggregate type,
 * while the order placement also loads products and addresses.
 */
public final class InMemoryAggregates {

    private final EmbeddedEventStore eventStore =
            EmbeddedEventStore.builder().storageEngine(new InMemoryEventStorageEngine()).build();

    public void given(Class<?> aggregateType, String aggregateId, Object... events) {
        long firstSequence = eventStore.lastSequenceNumberFor(aggregateId).map(last -> last + 1).orElse(0L);
        List<GenericDomainEventMessage<?>> history = new ArrayList<>();
        for (int i = 0; i < events.length; i++) {
            history.add(new GenericDomainEventMessage<>(aggregateType.getSimpleName(), aggregateId, firstSequence + i, events[i]));
        }
        eventStore.publish(history);
    }

    public EmbeddedEventStore eventStore() {
        return eventStore;
    }

    /** What the order placement reads products and addresses through (no lock, no replay while unchanged). */
    public <T> AggregateReads<T> reads(Class<T> aggregateType) {
        return new AggregateReads<>(aggregateType, eventStore, 100);
    }

    public <T> Repository<T> repository(Class<T> aggregateType) {
        return EventSourcingRepository.builder(aggregateType).eventStore(eventStore).build();
    }
}
