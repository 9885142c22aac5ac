package io.eventmall.api.identity;

import java.util.Set;

/**
 * A user joined. Carries no credential: the password hash is kept in the state-stored {@code user_credential}
 * table. Events stored before that still hold a {@code passwordHash} field, which an upcaster drops on reading.
 */
public record UserRegistered(String userId, String username, String mobile, Set<Role> roles) {
}
