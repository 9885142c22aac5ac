package io.eventmall.command.identity;

import io.eventmall.api.Refusal;
import io.eventmall.api.RuleViolation;
import io.eventmall.api.identity.FindCredentials;
import io.eventmall.api.identity.Role;
import io.eventmall.api.identity.UserCredentials;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The {@code user_credential} table (Flyway V50): one password hash per user, written with the registration's
 * events in one transaction. Login asks for it with {@link FindCredentials}; the roles come from the users read
 * model, so a user is found once that model knows them (registration waits for it).
 */
@Component
public class Credentials implements CredentialStore {

    private final JdbcTemplate jdbc;

    Credentials(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void store(String userId, String username, String passwordHash) {
        try {
            jdbc.update("""
                    INSERT INTO user_credential (user_id, username, password_hash) VALUES (?, ?, ?)
                    ON CONFLICT (user_id) DO UPDATE SET password_hash = EXCLUDED.password_hash, changed_at = now()""",
                    userId, normalized(username), passwordHash);
        } catch (DuplicateKeyException concurrentTwin) {
            // Two registrations of one username raced past the availability check: the unique username settles it.
            throw new RuleViolation(Refusal.USERNAME_TAKEN, "username '" + username + "' is taken");
        }
    }

    @Override
    public void forget(String userId) {
        jdbc.update("DELETE FROM user_credential WHERE user_id = ?", userId);
    }

    @QueryHandler
    Optional<UserCredentials> handle(FindCredentials query) {
        return jdbc.query("""
                SELECT c.user_id, a.username, c.password_hash, a.roles
                FROM user_credential c JOIN user_account a ON a.user_id = c.user_id
                WHERE c.username = ?""",
                (rs, row) -> new UserCredentials(rs.getString(1), rs.getString(2), rs.getString(3),
                        roles(rs.getString(4))),
                normalized(query.username())).stream().findFirst();
    }

    private static Set<Role> roles(String commaSeparated) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        Arrays.stream(commaSeparated.split(",")).filter(role -> !role.isBlank()).map(Role::valueOf).forEach(roles::add);
        return roles;
    }

    /** Usernames are unique regardless of case (as in {@link UsernameClaims}). */
    private static String normalized(String username) {
        return username.trim().toLowerCase(Locale.ROOT);
    }
}
