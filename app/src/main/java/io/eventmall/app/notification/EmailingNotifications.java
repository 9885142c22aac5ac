package io.eventmall.app.notification;

import io.eventmall.saga.notification.Notification;
import io.eventmall.saga.notification.NotificationInbox;
import io.eventmall.saga.notification.NotificationSender;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.UUID;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Every notification goes to the user's inbox as before; with e-mail enabled and an address given, it is also queued
 * in {@code email_outbox} in the same transaction (the process's, which also moves its token), so a notification
 * is queued exactly when it is stored, and nothing is sent to the SMTP server while that transaction is open.
 */
@Primary
@Component
class EmailingNotifications implements NotificationSender {

    private static final Logger log = LoggerFactory.getLogger(EmailingNotifications.class);

    private final NotificationInbox inbox;
    private final EmailAddresses addresses;
    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final EmailSettings settings;

    EmailingNotifications(NotificationInbox inbox, EmailAddresses addresses, JdbcTemplate jdbc, Clock clock,
                          EmailSettings settings) {
        this.inbox = inbox;
        this.addresses = addresses;
        this.jdbc = jdbc;
        this.clock = clock;
        this.settings = settings;
    }

    @Override
    public void send(Notification notification) {
        inbox.send(notification);
        if (!settings.enabled() || addresses.of(notification.userId()).isEmpty()) {
            return;
        }
        Timestamp now = Timestamp.from(clock.instant());
        int queued = jdbc.update("""
                INSERT INTO email_outbox (outbox_id, user_id, kind, subject, body, created_at, next_attempt_at)
                VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (outbox_id) DO NOTHING""",
                outboxIdOf(notification), notification.userId(), notification.kind(), notification.subject(),
                notification.body(), now, now);
        if (queued == 1) {
            log.info("notification {} for user {} queued for e-mail", notification.kind(), notification.userId());
        }
    }

    /** Derived from the message being handled, so a redelivered event queues its mail once. */
    private static String outboxIdOf(Notification notification) {
        return CurrentUnitOfWork.map(unitOfWork -> unitOfWork.getMessage().getIdentifier())
                .map(cause -> UUID.nameUUIDFromBytes(("email|" + cause + "|" + notification.kind() + "|"
                        + notification.userId()).getBytes(StandardCharsets.UTF_8)).toString())
                .orElseGet(() -> UUID.randomUUID().toString());
    }
}
