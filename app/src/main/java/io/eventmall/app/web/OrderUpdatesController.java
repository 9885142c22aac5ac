package io.eventmall.app.web;

import io.eventmall.api.order.FindOrder;
import io.eventmall.api.order.OrderStatus;
import io.eventmall.api.order.OrderView;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.queryhandling.SubscriptionQueryResult;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
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

    private final QueryGateway queries;
    private final Set<SseEmitter> openStreams = ConcurrentHashMap.newKeySet();

    OrderUpdatesController(QueryGateway queries) {
        this.queries = queries;
    }

    /** Streams end before the server drains its connections, so a shutdown never waits on a listener. */
    @EventListener(ContextClosedEvent.class)
    void endStreams() {
        openStreams.forEach(SseEmitter::complete);
    }

    @GetMapping(path = "/api/v1/orders/{orderId}/updates", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter updates(@PathVariable String orderId, Authentication authentication) {
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
