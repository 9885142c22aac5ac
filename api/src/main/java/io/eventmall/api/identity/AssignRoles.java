package io.eventmall.api.identity;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import java.util.Set;

public record AssignRoles(@TargetAggregateIdentifier String userId, Set<Role> roles) {
}
