package io.eventmall.app.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.eventmall.app.resilience.DependencyBreakers;
import io.micrometer.core.instrument.MeterRegistry;
import io.eventmall.api.Money;
import io.eventmall.api.Refusal;
import io.eventmall.api.order.FindOrder;
import io.eventmall.api.order.OrderStatus;
import io.eventmall.api.order.OrderView;
import io.eventmall.api.payment.PaymentOutcome;
import io.eventmall.api.payment.RequestPayment;
import io.eventmall.api.payment.SettlePayment;
import io.eventmall.saga.payment.PaymentProvider;
import io.eventmall.saga.payment.ProviderCallback;
import io.eventmall.saga.payment.SandboxPaymentProvider;
import io.eventmall.saga.payment.WebhookSignature;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Paying an order: open a payment with the provider, take its signed callback, and the sandbox provider. */
@RestController
@RequestMapping("/api/v1")
public class PaymentController {

    private static final Logger log = LoggerFactory.getLogger(PaymentController.class);
    static final Duration CALLBACK_TOLERANCE = Duration.ofMinutes(5);
    static final String CALLBACKS_METER = "mall.payment.callbacks";

    private final CommandGateway commands;
    private final Reads reads;
    private final ObjectProvider<PaymentProvider> providers;
    private final ObjectProvider<SandboxPaymentProvider> sandbox;
    private final WebhookSignature signature;
    private final ObjectMapper json;
    private final Clock clock;
    private final MeterRegistry meters;
    private final DependencyBreakers breakers;

    PaymentController(CommandGateway commands, Reads reads, ObjectProvider<PaymentProvider> providers,
                      ObjectProvider<SandboxPaymentProvider> sandbox, WebhookSignature signature, ObjectMapper json,
                      Clock clock, MeterRegistry meters, DependencyBreakers breakers) {
        this.clock = clock;
        this.breakers = breakers;
        this.meters = meters;
        this.commands = commands;
        this.reads = reads;
        this.providers = providers;
        this.sandbox = sandbox;
        this.signature = signature;
        this.json = json;
    }

    @PostMapping("/orders/{orderId}/payments")
    @ResponseStatus(HttpStatus.CREATED)
    PaymentOpened pay(@PathVariable String orderId, Authentication authentication) {
        Caller customer = Caller.of(authentication);
        OrderView order = reads.require(new FindOrder(orderId), OrderView.class, "order", orderId);
        customer.requireOwnerOr(order.customerId());
        if (order.status() != OrderStatus.AWAITING_PAYMENT) {
            throw ApiProblem.of(Refusal.INVALID_STATE, "order " + orderId + " is " + order.status()
                    + ", it cannot be paid");
        }
        PaymentProvider provider = providers.getIfAvailable();
        if (provider == null) {
            // The sandbox is off and no real provider is configured: payments cannot be taken right now.
            throw new ApiProblem(HttpStatus.SERVICE_UNAVAILABLE, "DEPENDENCY_UNAVAILABLE",
                    "no payment provider is configured", Duration.ofSeconds(30));
        }
        String paymentId = UUID.randomUUID().toString();
        PaymentProvider.PaymentSession session = breakers.call(DependencyBreakers.PAYMENT_PROVIDER,
                () -> provider.open(paymentId, orderId, order.totalAmount()));
        commands.sendAndWait(new RequestPayment(paymentId, orderId, customer.userId(), order.totalAmount(),
                session.providerReference()));
        log.info("payment {} of {} opened for order {} ({})", paymentId, order.totalAmount(), orderId,
                session.providerReference());
        return new PaymentOpened(paymentId, order.totalAmount(), session.providerReference(), session.payUrl());
    }

    /**
     * The provider's notification. The signature covers the raw bytes, so they are checked before any
     * parsing; a repeated notification settles nothing new and is acknowledged all the same. Counted as
     * {@code mall.payment.callbacks} by result: the outcome settled, or the code it was refused with.
     */
    @PostMapping("/payments/callback")
    Map<String, Object> callback(@RequestBody byte[] body,
                                 @RequestHeader(name = WebhookSignature.HEADER, required = false) String sig) {
        String result = "ERROR";
        try {
            ProviderCallback settled = settle(body, sig);
            result = settled.outcome().name();
            return Map.of("paymentId", settled.paymentId(), "received", true);
        } catch (ApiProblem refused) {
            result = refused.code();
            throw refused;
        } finally {
            meters.counter(CALLBACKS_METER, "result", result).increment();
        }
    }

    private ProviderCallback settle(byte[] body, String sig) {
        if (!signature.matches(body, sig)) {
            log.warn("payment callback with a bad or missing signature refused");
            throw new ApiProblem(HttpStatus.UNAUTHORIZED, "BAD_SIGNATURE", "the X-Signature header does not match the body");
        }
        ProviderCallback notice = parse(body);
        requireFresh(notice);
        commands.sendAndWait(new SettlePayment(notice.paymentId(), notice.outcome(), notice.amount()));
        log.info("payment {} settled by the provider: {} {}", notice.paymentId(), notice.outcome(), notice.amount());
        return notice;
    }

    @PostMapping("/sandbox/payments/{providerReference}/pay")
    @ResponseStatus(HttpStatus.ACCEPTED)
    Map<String, Object> sandboxPay(@PathVariable String providerReference, @Valid @RequestBody SandboxPayment body) {
        SandboxPaymentProvider provider = sandbox.getIfAvailable();
        if (provider == null || !provider.pay(providerReference, body.outcome(), body.amount())) {
            throw ApiProblem.notFound("sandbox payment", providerReference);
        }
        return Map.of("providerReference", providerReference, "outcome", body.outcome());
    }

    /**
     * A signed notification is only taken within {@link #CALLBACK_TOLERANCE} of its {@code occurredAt}: an old one
     * captured on the way is not replayed later (a retried delivery of a fresh one is still within it).
     */
    private void requireFresh(ProviderCallback notice) {
        Instant now = clock.instant();
        if (notice.occurredAt() == null || Duration.between(notice.occurredAt(), now).abs().compareTo(CALLBACK_TOLERANCE) > 0) {
            log.warn("payment callback for payment {} refused: occurredAt {} is more than {} from now",
                    notice.paymentId(), notice.occurredAt(), CALLBACK_TOLERANCE);
            throw new ApiProblem(HttpStatus.BAD_REQUEST, "STALE_NOTIFICATION",
                    "occurredAt must be within " + CALLBACK_TOLERANCE.toMinutes() + " minutes of now");
        }
    }

    private ProviderCallback parse(byte[] body) {
        try {
            ProviderCallback notice = json.readValue(body, ProviderCallback.class);
            if (notice.paymentId() == null || notice.outcome() == null) {
                throw ApiProblem.of(Refusal.VALIDATION_FAILED, "paymentId and outcome are required");
            }
            return notice;
        } catch (IOException e) {
            throw ApiProblem.of(Refusal.VALIDATION_FAILED, "the callback body is not a valid notification");
        }
    }

    record PaymentOpened(String paymentId, long amount, String providerReference, String payUrl) {
    }

    record SandboxPayment(@NotNull PaymentOutcome outcome, @PositiveOrZero @jakarta.validation.constraints.Max(Money.MAX_AMOUNT) Long amount) {
    }
}
