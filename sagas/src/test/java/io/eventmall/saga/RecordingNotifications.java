package io.eventmall.saga;

import io.eventmall.saga.notification.Notification;
import io.eventmall.saga.notification.NotificationSender;
import java.util.ArrayList;
import java.util.List;

/** Keeps what a process told its users, for the test to read back. */
public class RecordingNotifications implements NotificationSender {

    private final List<Notification> sent = new ArrayList<>();

    @Override
    public void send(Notification notification) {
        sent.add(notification);
    }

    public List<String> kinds() {
        return sent.stream().map(Notification::kind).toList();
    }
}
