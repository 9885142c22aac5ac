package io.eventmall.command.identity;

import io.eventmall.api.Refusal;
import io.eventmall.api.RuleViolation;
import io.eventmall.api.identity.UserRegistered;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Set-based validation of unique usernames (the Axon pattern): the claim is written by a subscribing
 * handler inside the very transaction that appends {@link UserRegistered}. The check in the command
 * handler answers the common case; the primary key settles a race between two concurrent registrations,
 * rolling back the loser's events with it.
 */
@Component
@ProcessingGroup(UsernameClaims.PROCESSING_GROUP)
public class UsernameClaims implements UsernameAvailability {

    public static final String PROCESSING_GROUP = "username-claims";

    private final JdbcTemplate jdbc;

    UsernameClaims(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public boolean isTaken(String username) {
        Integer count = jdbc.queryForObject("SELECT count(*) FROM username_claim WHERE username = ?", Integer.class,
                normalized(username));
        return count != null && count > 0;
    }

    @EventHandler
    void on(UserRegistered event) {
        try {
            jdbc.update("INSERT INTO username_claim (username, user_id) VALUES (?, ?)", normalized(event.username()),
                    event.userId());
        } catch (DuplicateKeyException e) {
            throw new RuleViolation(Refusal.USERNAME_TAKEN, "username '" + event.username() + "' is taken");
        }
    }

    /** Usernames are unique regardless of case: "Alice" and "alice" are one user. */
    private static String normalized(String username) {
        return username.trim().toLowerCase(java.util.Locale.ROOT);
    }
}
