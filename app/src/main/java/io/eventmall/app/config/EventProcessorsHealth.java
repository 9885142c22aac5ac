package io.eventmall.app.config;

import java.util.LinkedHashMap;
import java.util.Map;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.stereotype.Component;

/**
 * {@code /actuator/health} component "eventProcessors": DOWN while any processor has stopped or a segment
 * is failing (it retries with back-off; its read model is falling behind), with each processor's state.
 */
@Component("eventProcessors")
public class EventProcessorsHealth extends AbstractHealthIndicator {

    private final EventProcessingConfiguration processing;

    EventProcessorsHealth(EventProcessingConfiguration processing) {
        this.processing = processing;
    }

    @Override
    protected void doHealthCheck(Health.Builder health) {
        Map<String, Object> details = new LinkedHashMap<>();
        boolean healthy = true;
        for (Map.Entry<String, EventProcessor> entry : processing.eventProcessors().entrySet()) {
            EventProcessor processor = entry.getValue();
            String state;
            if (!processor.isRunning()) {
                state = "STOPPED";
            } else if (processor.isError()) {
                state = "FAILING";
            } else if (processor instanceof StreamingEventProcessor streaming && streaming.isReplaying()) {
                state = "REPLAYING";
            } else {
                state = "RUNNING";
            }
            healthy &= !state.equals("STOPPED") && !state.equals("FAILING");
            details.put(entry.getKey(), state);
        }
        (healthy ? health.up() : health.down()).withDetails(details);
    }
}
