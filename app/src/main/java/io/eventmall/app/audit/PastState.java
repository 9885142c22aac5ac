package io.eventmall.app.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eventmall.api.Refusal;
import io.eventmall.app.web.ApiProblem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.EventSourcedAggregate;
import org.axonframework.eventsourcing.GenericAggregateFactory;
import org.axonframework.eventsourcing.NoSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.modelling.command.inspection.AggregateModel;
import org.axonframework.modelling.command.inspection.AnnotatedAggregateMetaModelFactory;
import org.axonframework.serialization.Serializer;
import org.axonframework.spring.stereotype.Aggregate;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.ApplicationContext;
import org.springframework.stereotype.Component;

/**
 * Rebuilds an aggregate as it was at a past moment or sequence number, by replaying its own events up to
 * that point through its event sourcing handlers: the same code that decides today. The state is shown in
 * the aggregate's snapshot format.
 */
@Component
public class PastState {

    private final EventHistory history;
    private final Serializer snapshotFormat;
    private final ObjectMapper json;
    private final Map<String, Class<?>> aggregateTypes;

    PastState(EventHistory history, @Qualifier("eventSerializer") Serializer snapshotFormat, ObjectMapper json,
              ApplicationContext context) {
        this.history = history;
        this.snapshotFormat = snapshotFormat;
        this.json = json;
        // Aggregates are prototype beans: their types are read without creating any.
        this.aggregateTypes = Arrays.stream(context.getBeanNamesForAnnotation(Aggregate.class))
                .map(context::getType)
                .collect(Collectors.toMap(Class::getSimpleName, Function.identity(), (a, b) -> a));
    }

    public record State(String aggregateId, String type, long sequence, Instant asOf, JsonNode state) {
    }

    public State at(String aggregateId, Instant moment) {
        return rebuild(aggregateId, event -> !event.getTimestamp().isAfter(moment));
    }

    public State atSequence(String aggregateId, long sequence) {
        return rebuild(aggregateId, event -> event.getSequenceNumber() <= sequence);
    }

    private State rebuild(String aggregateId, Predicate<DomainEventMessage<?>> upToThePoint) {
        List<DomainEventMessage<?>> events = history.streamOf(aggregateId).stream().takeWhile(upToThePoint).toList();
        if (events.isEmpty()) {
            throw ApiProblem.of(Refusal.NOT_FOUND, "aggregate " + aggregateId + " had no events at that point");
        }
        DomainEventMessage<?> last = events.get(events.size() - 1);
        Class<?> type = aggregateTypes.get(last.getType());
        if (type == null) {
            throw ApiProblem.of(Refusal.NOT_FOUND, "unknown aggregate type " + last.getType());
        }
        Object root = replay(type, aggregateId, events);
        return new State(aggregateId, last.getType(), last.getSequenceNumber(), last.getTimestamp(), asJson(root));
    }

    private <T> T replay(Class<T> type, String aggregateId, List<DomainEventMessage<?>> events) {
        AggregateModel<T> model = AnnotatedAggregateMetaModelFactory.inspectAggregate(type);
        DefaultUnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        try {
            T root = new GenericAggregateFactory<>(type).createAggregateRoot(aggregateId, events.get(0));
            EventSourcedAggregate<T> aggregate = EventSourcedAggregate.initialize(root, model, null,
                    NoSnapshotTriggerDefinition.TRIGGER);
            aggregate.initializeState(DomainEventStream.of(events));
            return aggregate.getAggregateRoot();
        } finally {
            unitOfWork.rollback();
        }
    }

    private JsonNode asJson(Object root) {
        try {
            return json.readTree(snapshotFormat.serialize(root, byte[].class).getData());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
