package io.eventmall.app.security;

import io.eventmall.app.ratelimit.RateLimiter;
import io.eventmall.app.ratelimit.RateLimiter.Limit;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import java.util.Locale;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.stereotype.Component;
import org.springframework.validation.annotation.Validated;

/**
 * Password guessing and mass registration, throttled per username and per client address in buckets shared by
 * every node ({@link RateLimiter}). Only failed logins are charged: a user who logs in correctly is never slowed
 * down, but once a bucket is empty every attempt is refused (429) before the password is even checked, so a
 * guess cannot tell a right password from a wrong one.
 */
@Component
public class LoginThrottle {

    private final RateLimiter limiter;
    private final Limit failuresPerUsername;
    private final Limit failuresPerAddress;
    private final Limit registrationsPerAddress;

    public LoginThrottle(RateLimiter limiter, Settings settings) {
        this.limiter = limiter;
        this.failuresPerUsername = Limit.of("login-failures-username", settings.loginFailuresPerUsername(),
                settings.loginWindow());
        this.failuresPerAddress = Limit.of("login-failures-address", settings.loginFailuresPerAddress(),
                settings.loginWindow());
        this.registrationsPerAddress = Limit.of("registrations-address", settings.registrationsPerAddress(),
                settings.registrationWindow());
    }

    /** Before checking a password: 429 while the username or the address has used up its failures. */
    public void beforeLogin(String username, String clientAddress) {
        limiter.requireAvailable(failuresPerUsername, normalized(username), "too many failed logins for this user");
        limiter.requireAvailable(failuresPerAddress, clientAddress, "too many failed logins from this address");
    }

    /** After a wrong password or an unknown username: charges both buckets. */
    public void failedLogin(String username, String clientAddress) {
        limiter.require(failuresPerUsername, normalized(username), "too many failed logins for this user");
        limiter.require(failuresPerAddress, clientAddress, "too many failed logins from this address");
    }

    public void beforeRegistration(String clientAddress) {
        limiter.require(registrationsPerAddress, clientAddress, "too many registrations from this address");
    }

    private static String normalized(String username) {
        return username.trim().toLowerCase(Locale.ROOT);
    }

    /**
     * {@code mall.security.throttle.*}. The login window is short enough that {@code Retry-After} stays under a
     * minute (one failure comes back every {@code login-window / login-failures-per-username}).
     */
    @Validated
    @ConfigurationProperties("mall.security.throttle")
    public record Settings(@Min(1) Integer loginFailuresPerUsername, @Min(1) Integer loginFailuresPerAddress,
                           Duration loginWindow, @Min(1) Integer registrationsPerAddress,
                           Duration registrationWindow) {

        public Settings {
            loginFailuresPerUsername = loginFailuresPerUsername == null ? 5 : loginFailuresPerUsername;
            loginFailuresPerAddress = loginFailuresPerAddress == null ? 50 : loginFailuresPerAddress;
            loginWindow = loginWindow == null ? Duration.ofMinutes(1) : loginWindow;
            registrationsPerAddress = registrationsPerAddress == null ? 10 : registrationsPerAddress;
            registrationWindow = registrationWindow == null ? Duration.ofMinutes(10) : registrationWindow;
        }
    }
}
