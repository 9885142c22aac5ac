package io.eventmall.app.order;

import io.eventmall.api.order.OrderLineRequest;
import io.eventmall.api.order.OrderStatus;
import io.eventmall.api.order.PlaceOrder;
import io.eventmall.app.web.ApiProblem;
import io.eventmall.app.web.IdempotencyKeys;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Places orders, a bounded number at a time. A placement locks the inventories of its products until it commits
 * (OrderPlacement reserves the stock in its own unit of work); with every request thread placing at once, the lock
 * holders are descheduled among dozens of runnable threads on a few cores and every order of a popular product waits
 * behind them. A few placements at a time commit sooner than all at once (docs/benchmarks.md, "Order pipeline":
 * p99 5.0 s to 0.6 s, processors caught up 18 s to 11 s after the load): the others wait their turn here, parked,
 * holding neither a database connection nor a lock, in arrival order, and one that does not get its turn within
 * {@code mall.orders.placement-wait} is answered 503 {@code ORDERS_BUSY} with {@code Retry-After}, having changed
 * nothing.
 */
@Service
public class OrderIntake {

    /** Operators watch this: placements answered 503 because they did not get their turn in time. */
    public static final String TURNS_MISSED = "mall.orders.placement.busy";
    private static final Duration RETRY_AFTER = Duration.ofSeconds(1);
    private static final Logger log = LoggerFactory.getLogger(OrderIntake.class);

    private final CommandGateway commands;
    private final Semaphore turns;
    private final Duration wait;
    private final MeterRegistry meters;

    public OrderIntake(CommandGateway commands, MeterRegistry meters,
                       @Value("${mall.orders.placement-concurrency:16}") int concurrency,
                       @Value("${mall.orders.placement-wait:5s}") Duration wait) {
        if (concurrency < 1) {
            throw new IllegalArgumentException("mall.orders.placement-concurrency must be at least 1, was " + concurrency);
        }
        this.commands = commands;
        this.meters = meters;
        this.turns = new Semaphore(concurrency, true);
        this.wait = wait;
    }

    /**
     * The order id is derived from the Idempotency-Key, so a repeated request finds the order the first one placed
     * (OrderPlacement answers with its status) and places nothing new. Answers once the placement has committed,
     * with the status it left the order in.
     */
    public PlacedOrder place(String customerId, List<OrderLineRequest> lines, String addressId, boolean fromCart,
                        String idempotencyKey, String couponClaimId) {
        String orderId = IdempotencyKeys.idFor("order", customerId, idempotencyKey);
        awaitTurn(orderId);
        OrderStatus status;
        try {
            // A placement that met another writer's append is placed again by the gateway (ConflictRetryScheduler).
            status = commands.sendAndWait(new PlaceOrder(orderId, customerId, lines, addressId, fromCart, couponClaimId));
        } finally {
            turns.release();
        }
        log.info("order {} placed by customer {}: {}", orderId, customerId, status);
        return new PlacedOrder(orderId, status);
    }

    /** The order a placement answered for, and the status it left it in. */
    public record PlacedOrder(String orderId, OrderStatus status) {
    }

    private void awaitTurn(String orderId) {
        try {
            if (turns.tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                return;
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
        meters.counter(TURNS_MISSED).increment();
        log.warn("order {} not placed: no placement turn within {}; answered 503", orderId, wait);
        throw new ApiProblem(HttpStatus.SERVICE_UNAVAILABLE, "ORDERS_BUSY",
                "too many orders are being placed right now; nothing was placed, try again shortly", RETRY_AFTER);
    }
}
