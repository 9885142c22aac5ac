package io.eventmall.api.identity;

import java.util.Set;

/**
 * A user joined. Carries no credential: the password hash is kept in the state-stored {@code user_credential}
 * table. Events stored before that still hold a {@code passwordHash} field, which an upcaster drops on reading.
 * {@code mobile} and {@code email} are sealed with the user's personal data key (null when not given, and
 * {@code email} in events stored before it existed).
 */
public record UserRegistered(String userId, String username, String mobile, Set<Role> roles, String email) {

    /** A user without an e-mail address. */
    public UserRegistered(String userId, String username, String mobile, Set<Role> roles) {
        this(userId, username, mobile, roles, null);
    }
}
