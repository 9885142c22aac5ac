package io.eventmall.api.identity;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import java.util.Set;

public record RegisterUser(@TargetAggregateIdentifier String userId, String username, String passwordHash, String mobile, Set<Role> roles) {
}
