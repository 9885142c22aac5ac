package io.eventmall.app.config;

import java.util.HashMap;
import java.util.Map;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.correlation.CorrelationDataProvider;

/**
 * Gives every message produced while handling another one the metadata auditors read:
 * who acted ({@code userId}), the request it all started from ({@code correlationId}), the message that
 * directly caused it ({@code causationId}) and the trace it belongs to ({@code traceId}).
 */
public class AuditTrailCorrelation implements CorrelationDataProvider {

    public static final String USER_ID = "userId";
    public static final String CORRELATION_ID = "correlationId";
    public static final String CAUSATION_ID = "causationId";
    public static final String TRACE_ID = "traceId";

    @Override
    public Map<String, ?> correlationDataFor(Message<?> message) {
        Map<String, Object> data = new HashMap<>();
        Object userId = message.getMetaData().get(USER_ID);
        if (userId != null) {
            data.put(USER_ID, userId);
        }
        Object correlationId = message.getMetaData().getOrDefault(CORRELATION_ID, message.getIdentifier());
        data.put(CORRELATION_ID, correlationId);
        data.put(CAUSATION_ID, message.getIdentifier());
        data.put(TRACE_ID, message.getMetaData().getOrDefault(TRACE_ID, correlationId));
        return data;
    }
}
