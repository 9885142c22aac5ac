package io.eventmall.saga.notification;

/** A message for one user about an outcome they care about. {@code kind} is stable, e.g. ORDER_EXPIRED. */
public record Notification(String userId, String kind, String subject, String body) {
}
