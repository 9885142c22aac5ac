package io.eventmall.app.observability;

import io.eventmall.api.payment.PaymentOutcome;
import io.eventmall.saga.order.OrderFulfilment;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.event.ContextRefreshedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Registers the business counters that count rare events at zero when the service starts, so that a dashboard
 * shows 0 (and rate() has a starting point) rather than "no data" until the first payment deadline or callback.
 * The tag keys match those of the code that increments them.
 */
@Component
class BusinessMeters {

    private final MeterRegistry meters;

    BusinessMeters(MeterRegistry meters) {
        this.meters = meters;
    }

    @EventListener(ContextRefreshedEvent.class)
    void registerAtZero() {
        for (String outcome : new String[] {"expired", "already-settled"}) {
            meters.counter(OrderFulfilment.DEADLINES_FIRED, "outcome", outcome);
        }
        for (PaymentOutcome outcome : PaymentOutcome.values()) {
            meters.counter("mall.payment.callbacks", "result", outcome.name());
        }
    }
}
