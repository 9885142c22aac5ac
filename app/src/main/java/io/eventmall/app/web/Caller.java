package io.eventmall.app.web;

import io.eventmall.api.identity.Role;
import org.springframework.security.core.Authentication;

/** The authenticated user behind a request: the JWT subject and its granted roles. */
public record Caller(String userId, Authentication authentication) {

    public static Caller of(Authentication authentication) {
        return new Caller(authentication.getName(), authentication);
    }

    public boolean has(Role role) {
        String authority = "ROLE_" + role.name();
        return authentication.getAuthorities().stream().anyMatch(granted -> authority.equals(granted.getAuthority()));
    }

    public boolean isAdmin() {
        return has(Role.ADMIN);
    }

    /** Owners see their own things; the given privileged roles see everyone's. */
    public void requireOwnerOr(String ownerId, Role... privileged) {
        if (userId.equals(ownerId)) {
            return;
        }
        for (Role role : privileged) {
            if (has(role)) {
                return;
            }
        }
        throw ApiProblem.forbidden("this belongs to another user");
    }
}
