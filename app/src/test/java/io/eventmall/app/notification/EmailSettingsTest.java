package io.eventmall.app.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class EmailSettingsTest {

    private final EmailSettings settings = new EmailSettings(true, "shop@example.test", Duration.ofSeconds(1), 20,
            Duration.ofSeconds(2), Duration.ofSeconds(30), Duration.ofMinutes(1));

    @Test
    void theWaitDoublesFromTheInitialBackoffUpToTheMaximum() {
        assertThat(settings.backoffAfter(1)).isEqualTo(Duration.ofSeconds(2));
        assertThat(settings.backoffAfter(2)).isEqualTo(Duration.ofSeconds(4));
        assertThat(settings.backoffAfter(4)).isEqualTo(Duration.ofSeconds(16));
        assertThat(settings.backoffAfter(5)).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.backoffAfter(1_000)).isEqualTo(Duration.ofSeconds(30));
    }
}
