package io.eventmall.saga.notification;

/**
 * Delivers user-facing outcomes. The default keeps them in the user's inbox (GET /notifications); a mail
 * or SMS sender implements this interface and replaces it as a Spring bean.
 */
public interface NotificationSender {

    void send(Notification notification);
}
