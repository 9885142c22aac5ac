package io.eventmall.app.web;

import io.eventmall.api.order.FindOrdersOfMerchant;
import io.eventmall.api.order.OrderPage;
import io.eventmall.api.order.OrderStatus;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** A shop's orders for its owner (and admins): newest first, each with only that shop's lines. */
@RestController
public class MerchantOrdersController {

    private final Reads reads;
    private final ShopOwnership shops;

    MerchantOrdersController(Reads reads, ShopOwnership shops) {
        this.reads = reads;
        this.shops = shops;
    }

    @GetMapping("/api/v1/merchants/{merchantId}/orders")
    OrderPage ordersOfShop(@PathVariable @Size(max = 64) String merchantId,
                           @RequestParam(required = false) OrderStatus status,
                           @RequestParam(required = false) @Size(max = 200) String cursor,
                           @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size,
                           Authentication authentication) {
        shops.requireShopOwner(Caller.of(authentication), merchantId);
        return reads.one(new FindOrdersOfMerchant(merchantId, status, cursor, size), OrderPage.class);
    }
}
