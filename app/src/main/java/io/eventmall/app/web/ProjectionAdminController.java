package io.eventmall.app.web;

import io.eventmall.app.projections.ParkedEventRetry;
import io.eventmall.app.projections.ProjectionAdministration;
import io.eventmall.app.projections.ProjectionStatus;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Operations on the event processors (ADMIN, see SecurityConfig): their state, rebuilds of read models, and
 * retries of dead letters (read models' dead-letter queues, process managers' parked events).
 */
@RestController
@RequestMapping("/api/v1/admin/projections")
public class ProjectionAdminController {

    private final ProjectionAdministration projections;

    ProjectionAdminController(ProjectionAdministration projections) {
        this.projections = projections;
    }

    @GetMapping
    List<ProjectionStatus> all() {
        return projections.statuses();
    }

    /** 200 with how many dead letters went through and how many are left; 404 for an unknown processor. */
    @PostMapping("/{name}/dead-letters/retry")
    ParkedEventRetry.Outcome retryDeadLetters(@PathVariable String name) {
        return projections.retryDeadLetters(name);
    }

    @PostMapping("/{name}/replay")
    @ResponseStatus(HttpStatus.ACCEPTED)
    Map<String, Object> replay(@PathVariable String name) {
        projections.replay(name);
        return Map.of("name", name, "replaying", true);
    }
}
