package io.eventmall.saga.notification;

import io.eventmall.api.notification.FindNotificationsOfUser;
import io.eventmall.api.notification.NotificationView;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.queryhandling.QueryHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The default sender: stores each notification for its user to read through GET /notifications. A real
 * mail or SMS sender is declared as a {@code @Primary} NotificationSender bean and takes its place.
 */
@Component
public class NotificationInbox implements NotificationSender {

    private static final Logger log = LoggerFactory.getLogger(NotificationInbox.class);

    private final JdbcTemplate jdbc;
    private final Clock clock;

    NotificationInbox(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * The id derives from the message being handled (the event or deadline that caused the notification), so
     * the same event delivered twice stores one notification.
     */
    @Override
    public void send(Notification notification) {
        int stored = jdbc.update("""
                INSERT INTO notification (notification_id, user_id, kind, subject, body, created_at)
                VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (notification_id) DO NOTHING""",
                idFor(notification), notification.userId(), notification.kind(), notification.subject(),
                notification.body(), Timestamp.from(clock.instant()));
        if (stored == 0) {
            log.info("notification {} for user {} was already stored (redelivered)", notification.kind(),
                    notification.userId());
        } else {
            log.info("notification {} stored for user {}", notification.kind(), notification.userId());
        }
    }

    static String idFor(Notification notification) {
        return CurrentUnitOfWork.map(unitOfWork -> unitOfWork.getMessage().getIdentifier())
                .map(cause -> UUID.nameUUIDFromBytes((cause + "|" + notification.kind() + "|" + notification.userId())
                        .getBytes(StandardCharsets.UTF_8)).toString())
                .orElseGet(() -> UUID.randomUUID().toString());
    }

    @QueryHandler
    List<NotificationView> handle(FindNotificationsOfUser query) {
        return jdbc.query("""
                SELECT notification_id, user_id, kind, subject, body, created_at FROM notification
                WHERE user_id = ? ORDER BY created_at DESC, notification_id LIMIT ?""",
                (rs, row) -> new NotificationView(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getTimestamp(6).toInstant()),
                query.userId(), query.limit());
    }
}
