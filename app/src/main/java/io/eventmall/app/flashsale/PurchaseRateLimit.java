package io.eventmall.app.flashsale;

import io.eventmall.app.ratelimit.RateLimiter;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * {@code mall.flash-sale.user-rate-limit} purchase attempts per second per user, checked before the flash sale
 * is even asked: a buyer hammering the button is answered 429 at once, on whichever node the request lands.
 */
@Component
public class PurchaseRateLimit {

    private final RateLimiter rateLimiter;
    private final RateLimiter.Limit perUser;

    PurchaseRateLimit(RateLimiter rateLimiter, @Value("${mall.flash-sale.user-rate-limit:5}") int perSecond) {
        this.rateLimiter = rateLimiter;
        this.perUser = RateLimiter.Limit.of("flash-sale-purchase", perSecond, Duration.ofSeconds(1));
    }

    public void admit(String userId) {
        rateLimiter.require(perUser, userId, "too many purchase attempts");
    }
}
