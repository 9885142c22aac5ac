package io.eventmall.api.identity;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Forget a person (DELETE /users/me): their credential goes and their personal data key is destroyed. */
public record ForgetUser(@TargetAggregateIdentifier String userId) {
}
