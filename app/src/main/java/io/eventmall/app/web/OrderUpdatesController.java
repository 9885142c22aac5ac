package io.eventmall.app.web;

import io.eventmall.api.order.FindOrder;
import io.eventmall.api.order.OrderStatus;
import io.eventmall.api.order.OrderView;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.queryhandling.SubscriptionQueryResult;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Live order status as Server-Sent Events: the current state first, then every change, ending with the
 * order's final state. Backed by an Axon subscription query on the order projection (local to this node
 * without Axon Server).
 */
@RestController
public class OrderUpdatesController {

    private static final Duration STREAM_LIMIT = Duration.ofMinutes(35);
    private static final Duration STREAM_RETRY_AFTER = Duration.ofSeconds(30);

    private final QueryGateway queries;
    private final Set<SseEmitter> openStreams = ConcurrentHashMap.newKeySet();
    /** Open streams per user on this node: each holds a connection and a subscription for up to 35 minutes. */
    private final Map<String, AtomicInteger> streamsPerUser = new ConcurrentHashMap<>();
    private final int maxStreamsPerUser;

    OrderUpdatesController(QueryGateway queries,
                           @Value("${mall.sse.max-streams-per-user:5}") int maxStreamsPerUser) {
        this.queries = queries;
        this.maxStreamsPerUser = maxStreamsPerUser;
    }

    /** Streams end before the server drains its connections, so a shutdown never waits on a listener. */
    @EventListener(ContextClosedEvent.class)
    void endStreams() {
        openStreams.forEach(SseEmitter::complete);
    }

    @GetMapping(path = "/api/v1/orders/{orderId}/updates", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter updates(@PathVariable String orderId, Authentication authentication) {
        String userId = Caller.of(authentication).userId();
        Runnable streamClosed = admitStream(userId);
        try {
            return stream(orderId, authentication, streamClosed);
        } catch (RuntimeException refused) {
            streamClosed.run();
            throw refused;
        }
    }

    /** Counts the user's stream in, or refuses with 429; returns what counts it out again (once). */
    private Runnable admitStream(String userId) {
        AtomicInteger open = streamsPerUser.computeIfAbsent(userId, id -> new AtomicInteger());
        if (open.incrementAndGet() > maxStreamsPerUser) {
            open.decrementAndGet();
            throw new ApiProblem(HttpStatus.TOO_MANY_REQUESTS, "RATE_LIMITED", "at most " + maxStreamsPerUser
                    + " open update streams per user; close one first", STREAM_RETRY_AFTER);
        }
        AtomicBoolean released = new AtomicBoolean();
        return () -> {
            if (released.compareAndSet(false, true)) {
                open.decrementAndGet();
            }
        };
    }

    private SseEmitter stream(String orderId, Authentication authentication, Runnable streamClosed) {
        SubscriptionQueryResult<Optional<OrderView>, OrderView> subscription = queries.subscriptionQuery(
                new FindOrder(orderId), ResponseTypes.optionalInstanceOf(OrderView.class),
                ResponseTypes.instanceOf(OrderView.class));
        OrderView current;
        try {
            current = subscription.initialResult().blockOptional().flatMap(found -> found)
                    .orElseThrow(() -> ApiProblem.notFound("order", orderId));
            Caller.of(authentication).requireOwnerOr(current.customerId());
        } catch (RuntimeException refused) {
            subscription.close();
            throw refused;
        }
        SseEmitter emitter = new SseEmitter(STREAM_LIMIT.toMillis());
        openStreams.add(emitter);
        Runnable release = () -> {
            openStreams.remove(emitter);
            subscription.close();
            streamClosed.run();
        };
        emitter.onCompletion(release);
        emitter.onTimeout(release);
        emitter.onError(failure -> release.run());
        AtomicReference<OrderStatus> lastSent = new AtomicReference<>();
        if (send(emitter, current, lastSent)) {
            subscription.updates().subscribe(update -> send(emitter, update, lastSent), emitter::completeWithError);
        }
        return emitter;
    }

    /** Sends a status change (not a repeat); returns false once the stream is over (final state or gone client). */
    private static boolean send(SseEmitter emitter, OrderView order, AtomicReference<OrderStatus> lastSent) {
        if (order.status() == lastSent.getAndSet(order.status())) {
            return true;
        }
        try {
            emitter.send(SseEmitter.event().name("status").id(order.status().name())
                    .data(order, MediaType.APPLICATION_JSON));
            if (order.status().isFinal()) {
                emitter.complete();
                return false;
            }
            return true;
        } catch (IOException clientGone) {
            emitter.completeWithError(clientGone);
            return false;
        }
    }
}
