package io.eventmall.app.projections;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Runs {@link DeadLetterRetry} on its fixed delay. */
@Configuration
@EnableScheduling
class ProjectionScheduling {
}
