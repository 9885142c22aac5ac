package io.eventmall.app.web;

import io.eventmall.api.Money;
import io.eventmall.api.coupon.ClaimCoupon;
import io.eventmall.api.coupon.CouponClaimPage;
import io.eventmall.api.coupon.CouponView;
import io.eventmall.api.coupon.CreateCoupon;
import io.eventmall.api.coupon.FindCoupon;
import io.eventmall.api.coupon.FindCouponClaimsOfUser;
import io.eventmall.api.identity.Role;
import io.eventmall.api.merchant.FindMerchant;
import io.eventmall.api.merchant.MerchantView;
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
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Coupons: created by an admin (any shop or none) or a merchant (own shop only), claimed by users. */
@RestController
@RequestMapping("/api/v1/coupons")
public class CouponController {

    private static final Logger log = LoggerFactory.getLogger(CouponController.class);

    private final CommandGateway commands;
    private final Reads reads;
    private final ReadModelWait readModel;
    private final ShopOwnership shops;

    CouponController(CommandGateway commands, Reads reads, ReadModelWait readModel, ShopOwnership shops) {
        this.commands = commands;
        this.reads = reads;
        this.readModel = readModel;
        this.shops = shops;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    Map<String, String> create(@Valid @RequestBody NewCoupon body, Authentication authentication) {
        Caller caller = Caller.of(authentication);
        if (!caller.isAdmin() && !caller.has(Role.MERCHANT)) {
            throw ApiProblem.forbidden("only an ADMIN or a MERCHANT creates coupons");
        }
        if (body.merchantId() != null) {
            reads.require(new FindMerchant(body.merchantId()), MerchantView.class, "merchant", body.merchantId());
            shops.requireShopOwner(caller, body.merchantId());
        } else if (!caller.isAdmin()) {
            throw ApiProblem.forbidden("a merchant's coupon is for its own shop: merchantId is required");
        }
        String couponId = UUID.randomUUID().toString();
        commands.sendAndWait(new CreateCoupon(couponId, body.name(), body.discountAmount(), body.minOrderAmount(),
                body.quantity(), body.perUserLimit(), body.validFrom(), body.validTo(), body.merchantId()));
        log.info("coupon {} created by {}: {} claims of {} off", couponId, caller.userId(), body.quantity(),
                body.discountAmount());
        readModel.until(() -> reads.find(new FindCoupon(couponId), CouponView.class).isPresent());
        return Map.of("couponId", couponId);
    }

    @GetMapping("/{couponId}")
    CouponView coupon(@PathVariable String couponId) {
        return reads.require(new FindCoupon(couponId), CouponView.class, "coupon", couponId);
    }

    /** The claim id is derived from the Idempotency-Key when given, so a retried claim is the same claim. */
    @PostMapping("/{couponId}/claims")
    @ResponseStatus(HttpStatus.CREATED)
    Map<String, String> claim(@PathVariable String couponId, Authentication authentication,
                              @RequestHeader(name = OrderController.IDEMPOTENCY_KEY, required = false) String key) {
        reads.require(new FindCoupon(couponId), CouponView.class, "coupon", couponId);
        String userId = Caller.of(authentication).userId();
        String claimId = couponId + "." + IdempotencyKeys.idFor("coupon-claim", userId, key);
        commands.sendAndWait(new ClaimCoupon(couponId, claimId, userId));
        log.info("coupon {} claimed by user {}: claim {}", couponId, userId, claimId);
        return Map.of("claimId", claimId);
    }

    @GetMapping("/claims")
    CouponClaimPage myClaims(@RequestParam(required = false) @Size(max = 200) String cursor,
                             @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size,
                             Authentication authentication) {
        return reads.one(new FindCouponClaimsOfUser(Caller.of(authentication).userId(), cursor, size),
                CouponClaimPage.class);
    }

    record NewCoupon(@NotBlank @Size(max = 200) String name,
                     @NotNull @Positive @Max(Money.MAX_AMOUNT) Long discountAmount,
                     @NotNull @PositiveOrZero @Max(Money.MAX_AMOUNT) Long minOrderAmount,
                     @NotNull @Min(1) @Max(10_000_000) Integer quantity,
                     @NotNull @Min(1) @Max(1000) Integer perUserLimit,
                     @NotNull Instant validFrom, @NotNull Instant validTo,
                     @Size(max = 64) String merchantId) {
    }
}
