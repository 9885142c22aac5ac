package io.eventmall.app.identity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eventmall.api.identity.UserRegistered;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;
import org.springframework.stereotype.Component;

/**
 * {@link UserRegistered} events stored before credentials left the history carry a {@code passwordHash}: this
 * drops it whenever they are read (replays, aggregates), so the history still replays and no handler ever sees a
 * hash. The stored bytes stay as they are, so the integrity chain over them still verifies. Axon picks up every
 * {@code EventUpcaster} bean into the event store's upcaster chain.
 */
@Component
public class UserRegisteredWithoutPasswordHash extends SingleEventUpcaster {

    static final String FIELD = "passwordHash";
    private static final SimpleSerializedType TYPE = new SimpleSerializedType(UserRegistered.class.getName(), null);

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        return TYPE.equals(representation.getType());
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        return representation.upcastPayload(TYPE, JsonNode.class, UserRegisteredWithoutPasswordHash::withoutHash);
    }

    /**
     * The same rule for readers of the stored bytes themselves (the audit's global stream and its NDJSON export):
     * a stored event's payload as it may be shown, with no password hash.
     */
    public static JsonNode withoutCredentials(String payloadType, JsonNode payload) {
        return TYPE.getName().equals(payloadType) ? withoutHash(payload) : payload;
    }

    private static JsonNode withoutHash(JsonNode payload) {
        if (payload instanceof ObjectNode fields) {
            fields.remove(FIELD);
        }
        return payload;
    }
}
