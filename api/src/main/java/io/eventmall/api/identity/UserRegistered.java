package io.eventmall.api.identity;

import java.util.Set;

public record UserRegistered(String userId, String username, String passwordHash, String mobile, Set<Role> roles) {
}
