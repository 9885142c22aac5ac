package io.eventmall.api.identity;

import java.util.Set;

public record RolesAssigned(String userId, Set<Role> roles) {
}
