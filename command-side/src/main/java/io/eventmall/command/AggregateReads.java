package io.eventmall.command;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.axonframework.common.lock.NullLockFactory;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;

/**
 * Reads another aggregate's current state for a decision made elsewhere (an order quotes products and ships to an
 * address), without locking it and without replaying its events again while its stream has not grown.
 * <p>
 * Placing an order used to replay every product of the order and the address from their events: a quarter of the
 * request's CPU in the orders benchmark's profile, and for a flash sale the one product replayed once per purchase.
 * The event store's index is asked for the stream's last sequence number instead (one index lookup); while it is the
 * one last read, the state read then is still the current one, on any node, since every change appends to the
 * stream. The states kept are never changed: only read-only methods are called on them, outside any aggregate
 * lifecycle, so a method that tried to apply an event would fail rather than alter a shared instance.
 */
public final class AggregateReads<T> {

    private final EventStore events;
    private final Repository<T> unlocked;
    private final Map<String, Read<T>> lastRead;

    private record Read<T>(T state, long version) {
    }

    public AggregateReads(Class<T> aggregateType, EventStore events, int capacity) {
        this.events = events;
        this.unlocked = EventSourcingRepository.builder(aggregateType).eventStore(events)
                .lockFactory(NullLockFactory.INSTANCE).build();
        this.lastRead = Collections.synchronizedMap(new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Read<T>> eldest) {
                return size() > capacity;
            }
        });
    }

    /**
     * {@code reading} applied to the aggregate's current state; within a unit of work (a command handler).
     *
     * @throws AggregateNotFoundException when the aggregate has no events
     */
    public <R> R read(String aggregateId, Function<T, R> reading) {
        Optional<Long> last = lastSequenceNumber(events, aggregateId);
        Read<T> known = lastRead.get(aggregateId);
        if (known != null && last.isPresent() && last.get() == known.version()) {
            return reading.apply(known.state());
        }
        Aggregate<T> loaded = unlocked.load(aggregateId);
        T state = loaded.invoke(Function.identity());
        if (loaded.version() != null) {
            lastRead.put(aggregateId, new Read<>(state, loaded.version()));
        }
        return reading.apply(state);
    }

    /** The stream's last sequence number, empty when it has no events (however the event store says so). */
    public static Optional<Long> lastSequenceNumber(EventStore events, String aggregateId) {
        try {
            return events.lastSequenceNumberFor(aggregateId);
        } catch (AggregateNotFoundException none) {
            // What Axon's test fixture answers for a stream it has no events of; a storage engine answers empty.
            return Optional.empty();
        }
    }
}
