package io.eventmall.app.web;

import io.eventmall.api.flashsale.FindFlashSale;
import io.eventmall.api.flashsale.FindFlashSalePurchase;
import io.eventmall.api.flashsale.FlashSalePurchaseView;
import io.eventmall.api.flashsale.FlashSaleView;
import io.eventmall.api.flashsale.ScheduleFlashSale;
import io.eventmall.api.identity.Role;
import io.eventmall.app.flashsale.FlashSalePurchases;
import io.eventmall.app.flashsale.LiveFlashSales;
import io.eventmall.app.flashsale.PurchaseTokens;
import io.eventmall.command.flashsale.FlashSale;
import io.eventmall.app.flashsale.FlashSalePurchases.PurchaseAccepted;
import io.eventmall.app.flashsale.FlashSalePurchases.PurchaseOutcome;
import io.eventmall.app.flashsale.FlashSalePurchases.PurchaseRefused;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.eventmall.api.product.FindProduct;
import io.eventmall.api.product.ProductView;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
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

    static final String PURCHASE_TOKEN = "X-Purchase-Token";

    private final CommandGateway commands;
    private final Reads reads;
    private final ReadModelWait readModel;
    private final FlashSalePurchases purchases;
    private final PurchaseTokens purchaseTokens;
    private final LiveFlashSales sales;
    private final ProblemResponses problems;

    FlashSaleController(CommandGateway commands, Reads reads, ReadModelWait readModel, FlashSalePurchases purchases,
                        PurchaseTokens purchaseTokens, LiveFlashSales sales, ProblemResponses problems) {
        this.sales = sales;
        this.problems = problems;
        this.commands = commands;
        this.reads = reads;
        this.readModel = readModel;
        this.purchases = purchases;
        this.purchaseTokens = purchaseTokens;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    Map<String, String> schedule(@Valid @RequestBody NewFlashSale body) {
        reads.require(new FindProduct(body.productId()), ProductView.class, "product", body.productId());
        String flashSaleId = UUID.randomUUID().toString();
        commands.sendAndWait(new ScheduleFlashSale(flashSaleId, body.productId(), body.price(), body.quantity(),
                body.perUserLimit(), body.startsAt(), body.endsAt(), Boolean.TRUE.equals(body.requirePurchaseToken()),
                body.proofOfWorkBits() == null ? 0 : body.proofOfWorkBits()));
        log.info("flash sale {} scheduled: {} units of product {} from {} to {}", flashSaleId, body.quantity(),
                body.productId(), body.startsAt(), body.endsAt());
        readModel.until(() -> reads.find(new FindFlashSale(flashSaleId), FlashSaleView.class).isPresent());
        return Map.of("flashSaleId", flashSaleId);
    }

    @GetMapping("/{flashSaleId}")
    FlashSaleView sale(@PathVariable String flashSaleId) {
        return sales.require(flashSaleId);
    }

    /**
     * 202 once the purchase is committed, 409 (or 400) with the refusal's code when the sale refuses it; see
     * {@link FlashSalePurchases} for the path it takes.
     */
    @PostMapping("/{flashSaleId}/purchases")
    @ApiResponse(responseCode = "202", description = "Accepted",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = PurchaseAccepted.class)))
    ResponseEntity<?> purchase(@PathVariable String flashSaleId, @Valid @RequestBody Purchase body,
                               Authentication authentication,
                               @RequestHeader(name = OrderController.IDEMPOTENCY_KEY, required = false) String key,
                               @RequestHeader(name = PURCHASE_TOKEN, required = false) String purchaseToken) {
        PurchaseOutcome outcome = purchases.purchase(flashSaleId, Caller.of(authentication).userId(), body.quantity(),
                key, purchaseToken);
        if (outcome instanceof PurchaseRefused refused) {
            return problems.refusal(refused.refusal(), refused.reason());
        }
        return ResponseEntity.accepted().body(outcome);
    }

    /** The hidden purchase path: a token, or (with proof of work) a challenge to solve for one. */
    @GetMapping("/{flashSaleId}/purchase-token")
    PurchaseTokens.Issued purchaseToken(@PathVariable String flashSaleId, Authentication authentication) {
        return purchaseTokens.request(flashSaleId, Caller.of(authentication).userId());
    }

    @PostMapping("/{flashSaleId}/purchase-token")
    PurchaseTokens.Issued solvedChallenge(@PathVariable String flashSaleId, @Valid @RequestBody SolvedChallenge body,
                                          Authentication authentication) {
        return purchaseTokens.redeem(flashSaleId, Caller.of(authentication).userId(), body.challenge(), body.nonce());
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
                        @NotNull Instant startsAt, @NotNull Instant endsAt, Boolean requirePurchaseToken,
                        @Min(0) @Max(FlashSale.MAX_PROOF_OF_WORK_BITS) Integer proofOfWorkBits) {
    }

    record SolvedChallenge(@NotBlank @Size(max = 1024) String challenge, @NotNull @PositiveOrZero Long nonce) {
    }

    record Purchase(@NotNull @Min(1) @Max(1000) Integer quantity) {
    }

}
