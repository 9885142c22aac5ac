package io.eventmall.app.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.eventmall.api.identity.UserRegistered;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.upcasting.event.InitialEventRepresentation;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.junit.jupiter.api.Test;

class UserRegisteredWithoutPasswordHashTest {

    private final JacksonSerializer serializer = JacksonSerializer.defaultSerializer();

    @Test
    void aStoredRegistrationLosesItsPasswordHashWhenRead() {
        String legacy = """
                {"userId":"user-1","username":"alice","passwordHash":"$2a$10$secret","mobile":null,"roles":["CUSTOMER"]}""";

        List<IntermediateEventRepresentation> upcast = new UserRegisteredWithoutPasswordHash()
                .upcast(Stream.of(stored(UserRegistered.class.getName(), legacy))).toList();

        JsonNode payload = upcast.get(0).getData(JsonNode.class).getData();
        assertThat(payload.has("passwordHash")).isFalse();
        assertThat(payload.path("username").asText()).isEqualTo("alice");
        UserRegistered event = serializer.deserialize(upcast.get(0).getData());
        assertThat(event.toString()).doesNotContain("secret");
    }

    @Test
    void otherEventsPassUntouched() {
        String other = """
                {"passwordHash":"kept"}""";

        List<IntermediateEventRepresentation> upcast = new UserRegisteredWithoutPasswordHash()
                .upcast(Stream.of(stored("io.eventmall.api.Other", other))).toList();

        assertThat(upcast.get(0).getData(JsonNode.class).getData().has("passwordHash")).isTrue();
    }

    private IntermediateEventRepresentation stored(String type, String json) {
        GenericDomainEventEntry<byte[]> entry = new GenericDomainEventEntry<>("User", "user-1", 0, "event-1",
                java.time.Instant.now(), type, null, json.getBytes(StandardCharsets.UTF_8),
                "{}".getBytes(StandardCharsets.UTF_8));
        return new InitialEventRepresentation(entry, serializer);
    }
}
