package io.eventmall.api.identity;

import java.util.Set;

public record UserCredentials(String userId, String username, String passwordHash, Set<Role> roles) {
}
