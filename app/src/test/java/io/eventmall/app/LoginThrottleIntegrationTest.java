package io.eventmall.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventmall.app.ratelimit.RateLimiter;
import io.eventmall.app.security.LoginThrottle;
import io.eventmall.app.web.ApiProblem;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Failed logins are throttled per username (end to end here) and per client address (the throttle with low limits
 * on the shared Redis buckets: every test client is 127.0.0.1, whose limits the test profile lifts).
 */
@IntegrationTest
class LoginThrottleIntegrationTest {

    private static final String PASSWORD = "secret-pass-1";

    @Autowired
    TestApi api;
    @Autowired
    RateLimiter rateLimiter;

    @Test
    void repeatedFailedLoginsOfOneUserAre429WithARetryAfterOfAMinuteAtMost() {
        String username = register();
        for (int attempt = 0; attempt < 5; attempt++) {
            assertThat(login(username, "wrong-password").status()).isEqualTo(401);
        }

        TestApi.Response throttled = login(username, "wrong-password");
        assertThat(throttled.status()).isEqualTo(429);
        assertThat(throttled.code()).isEqualTo("RATE_LIMITED");
        assertThat(Long.parseLong(throttled.headers().getFirst("Retry-After"))).isBetween(1L, 60L);
        // While throttled even the right password is refused: a guess cannot tell it apart.
        assertThat(login(username, PASSWORD).status()).isEqualTo(429);
    }

    @Test
    void successfulLoginsAreNotCounted() {
        String username = register();
        for (int attempt = 0; attempt < 12; attempt++) {
            assertThat(login(username, PASSWORD).status()).isEqualTo(200);
        }
        assertThat(login(username, "wrong-password").status()).isEqualTo(401);
    }

    @Test
    void anUnknownUsernameIsThrottledLikeAKnownOne() {
        String nobody = "nobody" + UUID.randomUUID().toString().substring(0, 8);
        for (int attempt = 0; attempt < 5; attempt++) {
            TestApi.Response refused = login(nobody, "whatever-password");
            assertThat(refused.status()).isEqualTo(401);
            assertThat(refused.code()).isEqualTo("BAD_CREDENTIALS");
        }
        assertThat(login(nobody, "whatever-password").status()).isEqualTo(429);
    }

    @Test
    void oneClientAddressIsThrottledAcrossUsernamesAndForRegistrations() {
        LoginThrottle strict = new LoginThrottle(rateLimiter,
                new LoginThrottle.Settings(100, 3, Duration.ofMinutes(1), 2, Duration.ofMinutes(10)));
        String address = "203.0.113." + (int) (Math.random() * 250);
        String run = UUID.randomUUID().toString();
        for (int user = 0; user < 3; user++) {
            strict.beforeLogin(run + user, address);
            strict.failedLogin(run + user, address);
        }
        assertThatThrownBy(() -> strict.beforeLogin(run + "another", address))
                .isInstanceOfSatisfying(ApiProblem.class, refused -> {
                    assertThat(refused.code()).isEqualTo("RATE_LIMITED");
                    assertThat(refused.retryAfter()).hasValueSatisfying(wait ->
                            assertThat(wait).isLessThanOrEqualTo(Duration.ofSeconds(60)));
                });

        String registrant = address + "-" + run;
        strict.beforeRegistration(registrant);
        strict.beforeRegistration(registrant);
        assertThatThrownBy(() -> strict.beforeRegistration(registrant))
                .isInstanceOfSatisfying(ApiProblem.class, refused -> assertThat(refused.code()).isEqualTo("RATE_LIMITED"));
    }

    private String register() {
        String username = "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        TestApi.Response registered = api.post("/users/register", null, Map.of("username", username, "password", PASSWORD));
        assertThat(registered.status()).isEqualTo(201);
        return username;
    }

    private TestApi.Response login(String username, String password) {
        return api.post("/users/login", null, Map.of("username", username, "password", password));
    }
}
