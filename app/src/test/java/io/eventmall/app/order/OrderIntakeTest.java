package io.eventmall.app.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventmall.api.order.OrderLineRequest;
import io.eventmall.api.order.OrderStatus;
import io.eventmall.api.order.PlaceOrder;
import io.eventmall.app.config.ConflictRetryScheduler;
import io.eventmall.app.web.ApiProblem;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

/** The intake against Axon's own command bus, with a placement handler that holds its turn until told to finish. */
class OrderIntakeTest {

    private static final List<OrderLineRequest> LINES = List.of(new OrderLineRequest("product-1", 1));

    private final CountDownLatch finishPlacements = new CountDownLatch(1);
    private final AtomicInteger placed = new AtomicInteger();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    private OrderIntake intake(int concurrency, Duration wait) {
        SimpleCommandBus bus = SimpleCommandBus.builder().build();
        bus.subscribe(PlaceOrder.class.getName(), command -> {
            finishPlacements.await(10, TimeUnit.SECONDS);
            placed.incrementAndGet();
            return OrderStatus.AWAITING_PAYMENT;
        });
        return new OrderIntake(DefaultCommandGateway.builder().commandBus(bus).build(), meters, concurrency, wait);
    }

    private final ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor();

    /** The gateway as the application builds it: conflicts are sent again by its retry scheduler. */
    private CommandGateway retryingGateway(SimpleCommandBus bus, int maxRetries) {
        return DefaultCommandGateway.builder().commandBus(bus)
                .retryScheduler(new ConflictRetryScheduler(retries, maxRetries)).build();
    }

    @AfterEach
    void finish() {
        finishPlacements.countDown();
        retries.shutdownNow();
    }

    @Test
    void aPlacementBeyondTheConcurrencyThatGetsNoTurnInTimeIsAnswered503AndPlacesNothing() throws Exception {
        OrderIntake intake = intake(1, Duration.ofMillis(200));
        CompletableFuture<OrderIntake.PlacedOrder> first = CompletableFuture.supplyAsync(
                () -> intake.place("user-1", LINES, "address-1", false, "key-1", null));
        Thread.sleep(100);

        long started = System.nanoTime();
        assertThatThrownBy(() -> intake.place("user-2", LINES, "address-2", false, "key-2", null))
                .isInstanceOfSatisfying(ApiProblem.class, problem -> {
                    assertThat(problem.status()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
                    assertThat(problem.code()).isEqualTo("ORDERS_BUSY");
                    assertThat(problem.retryAfter()).isPresent();
                });
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
        assertThat(meters.counter(OrderIntake.TURNS_MISSED).count()).isEqualTo(1);

        finishPlacements.countDown();
        assertThat(first.get(5, TimeUnit.SECONDS).status()).isEqualTo(OrderStatus.AWAITING_PAYMENT);
        assertThat(placed).hasValue(1);
        assertThat(intake.place("user-2", LINES, "address-2", false, "key-2", null).orderId()).isNotBlank();
        assertThat(placed).hasValue(2);
    }

    @Test
    void aPlacementWaitsForATurnThatComesInTime() throws Exception {
        OrderIntake intake = intake(1, Duration.ofSeconds(5));
        CompletableFuture<OrderIntake.PlacedOrder> first = CompletableFuture.supplyAsync(
                () -> intake.place("user-1", LINES, "address-1", false, "key-1", null));
        CompletableFuture<OrderIntake.PlacedOrder> second = CompletableFuture.supplyAsync(
                () -> intake.place("user-2", LINES, "address-2", false, "key-2", null));
        Thread.sleep(200);
        assertThat(second).isNotDone();

        finishPlacements.countDown();
        assertThat(first.get(5, TimeUnit.SECONDS).orderId()).isNotEqualTo(second.get(5, TimeUnit.SECONDS).orderId());
        assertThat(placed).hasValue(2);
        assertThat(meters.counter(OrderIntake.TURNS_MISSED).count()).isZero();
    }

    @Test
    void aFailedPlacementGivesItsTurnBack() {
        SimpleCommandBus bus = SimpleCommandBus.builder().build();
        bus.subscribe(PlaceOrder.class.getName(), command -> {
            throw new IllegalStateException("the event store is down");
        });
        OrderIntake intake = new OrderIntake(DefaultCommandGateway.builder().commandBus(bus).build(), meters, 1,
                Duration.ofMillis(100));
        for (int attempt = 0; attempt < 3; attempt++) {
            assertThatThrownBy(() -> intake.place("user-1", LINES, "address-1", false, "key-1", null))
                    .isInstanceOf(IllegalStateException.class);
        }
        assertThat(meters.counter(OrderIntake.TURNS_MISSED).count()).isZero();
    }

    /**
     * A twin request that created the same order first (or a node that reserved on an inventory this node holds a
     * stale copy of) fails the placement whole: it is placed again, a bounded number of times.
     */
    @Test
    void aPlacementThatMetAnotherWritersAppendIsPlacedAgainOnFreshStreams() {
        AtomicInteger attempts = new AtomicInteger();
        SimpleCommandBus bus = SimpleCommandBus.builder().build();
        bus.subscribe(PlaceOrder.class.getName(), command -> {
            if (attempts.incrementAndGet() == 1) {
                throw new AggregateStreamCreationException("the new order's stream met another writer's append");
            }
            return OrderStatus.REJECTED;
        });
        OrderIntake intake = new OrderIntake(retryingGateway(bus, 3), meters, 1, Duration.ofMillis(100));

        assertThat(intake.place("user-1", LINES, "address-1", false, "key-1", null).status())
                .isEqualTo(OrderStatus.REJECTED);
        assertThat(attempts).hasValue(2);
    }

    @Test
    void aPlacementThatKeepsMeetingConflictsFailsAfterItsRetries() {
        AtomicInteger attempts = new AtomicInteger();
        SimpleCommandBus bus = SimpleCommandBus.builder().build();
        bus.subscribe(PlaceOrder.class.getName(), command -> {
            attempts.incrementAndGet();
            throw new AggregateStreamCreationException("conflict again");
        });
        OrderIntake intake = new OrderIntake(retryingGateway(bus, 2), meters, 1, Duration.ofMillis(100));

        assertThatThrownBy(() -> intake.place("user-1", LINES, "address-1", false, "key-1", null))
                .isInstanceOf(AggregateStreamCreationException.class);
        assertThat(attempts).hasValue(3);
    }
}
