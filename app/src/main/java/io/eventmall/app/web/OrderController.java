package io.eventmall.app.web;

import io.eventmall.api.Refusal;
import io.eventmall.api.cart.CartView;
import io.eventmall.api.cart.FindCart;
import io.eventmall.api.identity.Role;
import io.eventmall.api.order.CancelOrder;
import io.eventmall.api.order.CompleteOrder;
import io.eventmall.api.order.FindOrder;
import io.eventmall.api.order.OrderLineRequest;
import io.eventmall.api.order.OrderStatus;
import io.eventmall.api.order.OrderView;
import io.eventmall.api.order.RefundOrder;
import io.eventmall.api.order.ShipOrder;
import io.eventmall.app.order.OrderIntake;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1")
public class OrderController {

    private static final Logger log = LoggerFactory.getLogger(OrderController.class);
    static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private final CommandGateway commands;
    private final OrderIntake intake;
    private final Reads reads;
    private final ShopOwnership shops;

    OrderController(CommandGateway commands, OrderIntake intake, Reads reads, ShopOwnership shops) {
        this.commands = commands;
        this.intake = intake;
        this.reads = reads;
        this.shops = shops;
    }

    @PostMapping("/orders")
    @ResponseStatus(HttpStatus.ACCEPTED)
    OrderAccepted place(@Valid @RequestBody NewOrder body, Authentication authentication,
                        @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String idempotencyKey) {
        String customerId = Caller.of(authentication).userId();
        List<OrderLineRequest> lines = body.items().stream()
                .map(item -> new OrderLineRequest(item.productId(), item.quantity())).toList();
        return placeOrder(customerId, lines, body.addressId(), false, idempotencyKey, body.couponClaimId());
    }

    /** The ordered lines leave the cart once the order is accepted (OrderFulfilment), not before. */
    @PostMapping("/cart/checkout")
    @ResponseStatus(HttpStatus.ACCEPTED)
    OrderAccepted checkout(@Valid @RequestBody Checkout body, Authentication authentication,
                           @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String idempotencyKey) {
        String customerId = Caller.of(authentication).userId();
        CartView cart = reads.one(new FindCart(customerId), CartView.class);
        if (cart.items().isEmpty()) {
            throw ApiProblem.of(Refusal.INVALID_STATE, "the cart is empty");
        }
        List<OrderLineRequest> lines = cart.items().stream()
                .map(item -> new OrderLineRequest(item.productId(), item.quantity())).toList();
        return placeOrder(customerId, lines, body.addressId(), true, idempotencyKey, body.couponClaimId());
    }

    @GetMapping("/orders/{orderId}")
    OrderView order(@PathVariable String orderId, Authentication authentication) {
        OrderView order = reads.require(new FindOrder(orderId), OrderView.class, "order", orderId);
        Caller.of(authentication).requireOwnerOr(order.customerId(), Role.ADMIN, Role.AUDITOR);
        return order;
    }

    @PostMapping("/orders/{orderId}/cancel")
    OrderAccepted cancel(@PathVariable String orderId, Authentication authentication) {
        commands.sendAndWait(new CancelOrder(orderId, Caller.of(authentication).userId()));
        log.info("order {} cancelled by its customer", orderId);
        return new OrderAccepted(orderId, OrderStatus.CANCELLED);
    }

    @PostMapping("/orders/{orderId}/ship")
    OrderAccepted ship(@PathVariable String orderId, Authentication authentication) {
        requireFulfiller(orderId, authentication);
        commands.sendAndWait(new ShipOrder(orderId));
        log.info("order {} shipped by {}", orderId, Caller.of(authentication).userId());
        return new OrderAccepted(orderId, OrderStatus.SHIPPED);
    }

    @PostMapping("/orders/{orderId}/complete")
    OrderAccepted complete(@PathVariable String orderId, Authentication authentication) {
        requireFulfiller(orderId, authentication);
        commands.sendAndWait(new CompleteOrder(orderId));
        log.info("order {} completed by {}", orderId, Caller.of(authentication).userId());
        return new OrderAccepted(orderId, OrderStatus.COMPLETED);
    }

    @PostMapping("/orders/{orderId}/refund")
    OrderAccepted refund(@PathVariable String orderId, @Valid @RequestBody(required = false) Refund body) {
        String reason = body == null || body.reason() == null ? "refunded by an administrator" : body.reason();
        commands.sendAndWait(new RefundOrder(orderId, reason));
        log.info("order {} refunded: {}", orderId, reason);
        return new OrderAccepted(orderId, OrderStatus.REFUNDED);
    }

    private void requireFulfiller(String orderId, Authentication authentication) {
        OrderView order = reads.require(new FindOrder(orderId), OrderView.class, "order", orderId);
        shops.requireFulfiller(Caller.of(authentication), order);
    }

    /**
     * The answer comes from the command alone: the placement commits the order AWAITING_PAYMENT or REJECTED and says
     * which; the client follows it with GET /orders/{id} or its updates stream (the read model shows it a moment
     * later). Polling the read model here would hold a request thread per order for nothing.
     */
    private OrderAccepted placeOrder(String customerId, List<OrderLineRequest> lines, String addressId,
                                     boolean fromCart, String idempotencyKey, String couponClaimId) {
        OrderIntake.PlacedOrder placed = intake.place(customerId, lines, addressId, fromCart, idempotencyKey,
                couponClaimId);
        return new OrderAccepted(placed.orderId(), placed.status());
    }

    record OrderItem(@NotBlank @Size(max = 64) String productId, @NotNull @Min(1) @Max(999) Integer quantity) {
    }

    record NewOrder(@NotNull @NotEmpty @Size(max = 50) List<@Valid @NotNull OrderItem> items,
                    @NotBlank @Size(max = 64) String addressId, @Size(max = 160) String couponClaimId) {
    }

    record Checkout(@NotBlank @Size(max = 64) String addressId, @Size(max = 160) String couponClaimId) {
    }

    record Refund(@Size(max = 500) String reason) {
    }

    record OrderAccepted(String orderId, OrderStatus status) {
    }
}
