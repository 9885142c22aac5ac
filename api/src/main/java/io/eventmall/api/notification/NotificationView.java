package io.eventmall.api.notification;

import java.time.Instant;

public record NotificationView(String notificationId, String userId, String kind, String subject, String body, Instant createdAt) {
}
