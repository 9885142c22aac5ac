package io.eventmall.api.identity;

import java.util.Set;

/** In the read model {@code mobile} and {@code email} are sealed; the web layer opens them for their owner. */
public record UserView(String userId, String username, String mobile, Set<Role> roles, String email) {
}
