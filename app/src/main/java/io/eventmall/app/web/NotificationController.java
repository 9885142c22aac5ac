package io.eventmall.app.web;

import io.eventmall.api.notification.FindNotificationsOfUser;
import io.eventmall.api.notification.NotificationView;
import java.util.List;
import java.util.Map;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/notifications")
public class NotificationController {

    private static final int NEWEST = 100;

    private final Reads reads;

    NotificationController(Reads reads) {
        this.reads = reads;
    }

    @GetMapping
    Map<String, List<NotificationView>> mine(Authentication authentication) {
        return Map.of("items", reads.list(new FindNotificationsOfUser(Caller.of(authentication).userId(), NEWEST),
                NotificationView.class));
    }
}
