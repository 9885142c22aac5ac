package io.eventmall.api.identity;

import java.util.Set;

public record UserView(String userId, String username, String mobile, Set<Role> roles) {
}
