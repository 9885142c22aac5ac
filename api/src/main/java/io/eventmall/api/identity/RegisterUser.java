package io.eventmall.api.identity;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import java.util.Set;

/** {@code mobile} and {@code email} are optional and arrive sealed with the user's personal data key. */
public record RegisterUser(@TargetAggregateIdentifier String userId, String username, String passwordHash, String mobile,
                           Set<Role> roles, String email) {

    /** A user without an e-mail address. */
    public RegisterUser(String userId, String username, String passwordHash, String mobile, Set<Role> roles) {
        this(userId, username, passwordHash, mobile, roles, null);
    }
}
