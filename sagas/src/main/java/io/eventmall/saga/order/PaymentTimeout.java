package io.eventmall.saga.order;

import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** How long a customer has to pay an accepted order: {@code mall.order.payment-timeout}. */
@Component
public class PaymentTimeout {

    private final Duration timeout;

    public PaymentTimeout(@Value("${mall.order.payment-timeout:PT30M}") Duration timeout) {
        this.timeout = timeout;
    }

    public Duration duration() {
        return timeout;
    }
}
