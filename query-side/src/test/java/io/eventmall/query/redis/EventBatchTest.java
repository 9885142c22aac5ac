package io.eventmall.query.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.junit.jupiter.api.Test;

class EventBatchTest {

    private final List<List<String>> flushes = new ArrayList<>();

    @Test
    void aBatchFlushesWhatItsEventsDeferredOnceInTheirOrderAfterItsLastEvent() {
        BatchingUnitOfWork<EventMessage<?>> batch = batchOf("a", "b", "c");

        batch.executeWithResult(() -> {
            assertThat(flushes).as("nothing is flushed while the batch is handled").isEmpty();
            EventBatch.defer("test", payload(), flushes::add);
            return null;
        });

        assertThat(flushes).containsExactly(List.of("a", "b", "c"));
    }

    @Test
    void aFlushThatFailsFailsTheBatch() {
        BatchingUnitOfWork<EventMessage<?>> batch = batchOf("a", "b");

        ResultMessage<Object> result = batch.executeWithResult(() -> {
            EventBatch.defer("test", payload(), items -> {
                throw new IllegalStateException("Redis is gone");
            });
            return null;
        });

        assertThat(result.isExceptional()).isTrue();
        assertThat(result.exceptionResult()).hasMessage("Redis is gone");
        assertThat(batch.isRolledBack()).isTrue();
    }

    @Test
    void outsideABatchTheWriteIsFlushedAtOnce() {
        EventBatch.defer("test", "alone", flushes::add);

        assertThat(flushes).containsExactly(List.of("alone"));
    }

    private static String payload() {
        return (String) CurrentUnitOfWork.get().getMessage().getPayload();
    }

    private static BatchingUnitOfWork<EventMessage<?>> batchOf(String... payloads) {
        List<EventMessage<?>> events = new ArrayList<>();
        for (String payload : payloads) {
            events.add(GenericEventMessage.asEventMessage(payload));
        }
        return new BatchingUnitOfWork<>(events);
    }
}
