package io.eventmall.app.web;

import io.eventmall.api.flashsale.FindFlashSale;
import io.eventmall.api.flashsale.FindFlashSalePurchase;
import io.eventmall.api.flashsale.FlashSalePurchaseView;
import io.eventmall.api.flashsale.FlashSaleView;
import io.eventmall.api.flashsale.PurchaseFlashSaleUnits;
import io.eventmall.api.flashsale.PurchaseStatus;
import io.eventmall.api.flashsale.ScheduleFlashSale;
import io.eventmall.api.identity.Role;
import io.eventmall.api.product.FindProduct;
import io.eventmall.api.product.ProductView;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import io.eventmall.query.analytics.FlashSaleFunnel;
import io.eventmall.query.gate.FlashSaleGate;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.nio.charset.StandardCharsets;
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
@RequestMapping("/api/v1/flash-sales")
public class FlashSaleController {

    private static final Logger log = LoggerFactory.getLogger(FlashSaleController.class);

    private final CommandGateway commands;
    private final Reads reads;
    private final ReadModelWait readModel;
    private final PurchaseRateLimit rateLimit;
    private final FlashSaleGate gate;
    private final FlashSaleFunnel funnel;
    private final Clock clock;

    FlashSaleController(CommandGateway commands, Reads reads, ReadModelWait readModel, PurchaseRateLimit rateLimit,
                        FlashSaleGate gate, FlashSaleFunnel funnel, Clock clock) {
        this.commands = commands;
        this.reads = reads;
        this.readModel = readModel;
        this.rateLimit = rateLimit;
        this.gate = gate;
        this.funnel = funnel;
        this.clock = clock;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    Map<String, String> schedule(@Valid @RequestBody NewFlashSale body) {
        reads.require(new FindProduct(body.productId()), ProductView.class, "product", body.productId());
        String flashSaleId = UUID.randomUUID().toString();
        commands.sendAndWait(new ScheduleFlashSale(flashSaleId, body.productId(), body.price(), body.quantity(),
                body.perUserLimit(), body.startsAt(), body.endsAt()));
        log.info("flash sale {} scheduled: {} units of product {} from {} to {}", flashSaleId, body.quantity(),
                body.productId(), body.startsAt(), body.endsAt());
        readModel.until(() -> reads.find(new FindFlashSale(flashSaleId), FlashSaleView.class).isPresent());
        return Map.of("flashSaleId", flashSaleId);
    }

    @GetMapping("/{flashSaleId}")
    FlashSaleView sale(@PathVariable String flashSaleId) {
        return reads.require(new FindFlashSale(flashSaleId), FlashSaleView.class, "flash sale", flashSaleId);
    }

    /**
     * The per-user rate limit and the Redis gate turn most of a spike away; the FlashSale aggregate then
     * decides at once (sold out, limit, window). The order for the units is created asynchronously, so an
     * admitted purchase answers QUEUED with the id its order will have.
     */
    @PostMapping("/{flashSaleId}/purchases")
    @ResponseStatus(HttpStatus.ACCEPTED)
    PurchaseAccepted purchase(@PathVariable String flashSaleId, @Valid @RequestBody Purchase body,
                              Authentication authentication,
                              @RequestHeader(name = OrderController.IDEMPOTENCY_KEY, required = false) String key) {
        String buyer = Caller.of(authentication).userId();
        try {
            rateLimit.admit(buyer);
        } catch (ApiProblem limited) {
            funnel.record(flashSaleId, FlashSaleFunnel.Outcome.RATE_LIMITED);
            throw limited;
        }
        String purchaseId = IdempotencyKeys.idFor("flash-sale:" + flashSaleId, buyer, key);
        String orderId = UUID.nameUUIDFromBytes(("order-of-purchase:" + purchaseId).getBytes(StandardCharsets.UTF_8))
                .toString();
        FlashSaleGate.Decision decision = gate.admit(flashSaleId, purchaseId, buyer, body.quantity(), clock.instant());
        if (decision.refused()) {
            funnel.record(flashSaleId, FlashSaleFunnel.Outcome.of(decision.refusal()));
            throw ApiProblem.of(decision.refusal(), "flash sale " + flashSaleId + ": " + decision.refusal());
        }
        try {
            commands.sendAndWait(new PurchaseFlashSaleUnits(flashSaleId, purchaseId, buyer, body.quantity(), orderId));
        } catch (RuntimeException refused) {
            if (decision.ticketTaken()) {
                gate.cancel(flashSaleId, purchaseId, buyer, body.quantity());
            }
            funnel.record(flashSaleId, FlashSaleFunnel.Outcome.of(refused));
            throw refused;
        }
        funnel.record(flashSaleId, FlashSaleFunnel.Outcome.ADMITTED);
        log.info("flash sale {}: purchase {} of {} unit(s) admitted for user {}", flashSaleId, purchaseId,
                body.quantity(), buyer);
        return new PurchaseAccepted(purchaseId, PurchaseStatus.QUEUED, orderId);
    }

    @GetMapping("/{flashSaleId}/purchases/{purchaseId}")
    FlashSalePurchaseView purchaseStatus(@PathVariable String flashSaleId, @PathVariable String purchaseId,
                                         Authentication authentication) {
        FlashSalePurchaseView purchase = reads.require(new FindFlashSalePurchase(flashSaleId, purchaseId),
                FlashSalePurchaseView.class, "purchase", purchaseId);
        Caller.of(authentication).requireOwnerOr(purchase.userId(), Role.ADMIN);
        return purchase;
    }

    record NewFlashSale(@NotBlank String productId, @NotNull @Positive Long price,
                        @NotNull @Min(1) @Max(1_000_000) Integer quantity, @NotNull @Min(1) @Max(1000) Integer perUserLimit,
                        @NotNull Instant startsAt, @NotNull Instant endsAt) {
    }

    record Purchase(@NotNull @Min(1) @Max(1000) Integer quantity) {
    }

    record PurchaseAccepted(String purchaseId, PurchaseStatus status, String orderId) {
    }
}
