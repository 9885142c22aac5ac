package io.eventmall.command.order;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** How long a customer has to pay an order accepted at placement: {@code mall.order.payment-timeout} from now. */
@Component
public class PaymentWindow {

    private final Clock clock;
    private final Duration length;

    public PaymentWindow(Clock clock, @Value("${mall.order.payment-timeout:PT30M}") Duration length) {
        this.clock = clock;
        this.length = length;
    }

    Instant closesAfterNow() {
        return clock.instant().plus(length);
    }
}
