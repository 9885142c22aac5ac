package io.eventmall.app.observability;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import java.util.List;
import java.util.function.Function;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.messaging.Message;
import org.axonframework.micrometer.CapacityMonitor;
import org.axonframework.micrometer.EventProcessorLatencyMonitor;
import org.axonframework.monitoring.MessageMonitor;
import org.axonframework.monitoring.MultiMessageMonitor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The meters of each streaming event processor, per processor: its lag ({@code eventProcessor_latency}), the busy
 * share of its threads ({@code eventProcessor_capacity}), and the events it handled and failed on
 * ({@code eventProcessor_successCounter_total}, {@code eventProcessor_failureCounter_total}), which is what the
 * dashboard and docs/operations.md watch. Axon's own set also times and counts every event a processor ingests or
 * ignores, per payload type, looking its meters up by tags for each event; with 21 processors that each see every
 * event, those meters took 9% of the application's CPU in the orders benchmark's profile. The subscribing processors
 * in a command's transaction keep no meters at all (AxonConfig: the command bus's meters time them).
 */
@Configuration(proxyBeanMethods = false)
class EventProcessorMeters {

    static final String PREFIX = "eventProcessor";

    /** A factory for the type, not for a name: the names with a monitor of their own (AxonConfig) keep it. */
    @Bean
    ConfigurerModule eventProcessorsMeteredPerProcessor(MeterRegistry registry) {
        return configurer -> configurer.configureMessageMonitor(EventProcessor.class,
                (configuration, componentType, processorName) -> monitorOf(processorName, registry));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    static MessageMonitor<Message<?>> monitorOf(String processorName, MeterRegistry registry) {
        Tags tags = Tags.of("processorName", processorName);
        Function<Message<?>, Iterable<Tag>> perProcessor = message -> tags;
        Counter handled = Counter.builder(PREFIX + ".successCounter").tags(tags).register(registry);
        Counter failed = Counter.builder(PREFIX + ".failureCounter").tags(tags).register(registry);
        MessageMonitor<Message<?>> outcomes = message -> new MessageMonitor.MonitorCallback() {
            @Override
            public void reportSuccess() {
                handled.increment();
            }

            @Override
            public void reportFailure(Throwable cause) {
                failed.increment();
            }

            @Override
            public void reportIgnored() {
            }
        };
        MessageMonitor latency = EventProcessorLatencyMonitor.builder().meterNamePrefix(PREFIX).meterRegistry(registry)
                .tagsBuilder(perProcessor).build();
        return new MultiMessageMonitor<>(List.of(latency, CapacityMonitor.buildMonitor(PREFIX, registry, perProcessor),
                outcomes));
    }
}
