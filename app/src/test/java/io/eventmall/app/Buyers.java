package io.eventmall.app;

import io.eventmall.api.identity.Role;
import io.eventmall.app.security.TokenIssuer;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;
import org.springframework.stereotype.Component;

/**
 * Flash-sale buyers by the thousand: a token of their own from the application's token issuer, and nothing else (the
 * purchase path needs nothing else of a user), so a crowd costs no registrations.
 */
@Component
public class Buyers {

    private final TokenIssuer tokens;

    Buyers(TokenIssuer tokens) {
        this.tokens = tokens;
    }

    public TestApi.User newBuyer() {
        String userId = UUID.randomUUID().toString();
        return new TestApi.User(userId, tokens.issue(userId, "buyer-" + userId, Set.of(Role.CUSTOMER)).accessToken());
    }

    public List<TestApi.User> newBuyers(int count) {
        return IntStream.range(0, count).mapToObj(i -> newBuyer()).toList();
    }
}
