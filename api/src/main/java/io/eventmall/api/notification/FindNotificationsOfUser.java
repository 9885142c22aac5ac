package io.eventmall.api.notification;

public record FindNotificationsOfUser(String userId, int limit) {
}
