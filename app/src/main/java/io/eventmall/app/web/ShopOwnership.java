package io.eventmall.app.web;

import io.eventmall.api.merchant.FindMerchant;
import io.eventmall.api.merchant.MerchantView;
import io.eventmall.api.order.OrderLine;
import io.eventmall.api.order.OrderView;
import io.eventmall.api.product.FindProduct;
import io.eventmall.api.product.ProductView;
import java.util.LinkedHashSet;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Object-level authorization for shops: admins act on every shop, a merchant only on the shops they own, and on
 * an order only when they own the shop of every one of its lines. Nobody else acts on a shop's things at all.
 */
@Component
public class ShopOwnership {

    private final Reads reads;

    ShopOwnership(Reads reads) {
        this.reads = reads;
    }

    public void requireShopOwner(Caller caller, String merchantId) {
        if (caller.isAdmin()) {
            return;
        }
        MerchantView merchant = reads.require(new FindMerchant(merchantId), MerchantView.class, "merchant", merchantId);
        if (!caller.userId().equals(merchant.ownerUserId())) {
            throw ApiProblem.forbidden("you do not own shop " + merchantId);
        }
    }

    public void requireProductOwner(Caller caller, String productId) {
        if (caller.isAdmin()) {
            return;
        }
        requireShopOwner(caller, shopOf(productId));
    }

    /** Fulfilment (ship, complete): ADMIN, or the MERCHANT owning every shop the order bought from. */
    public void requireFulfiller(Caller caller, OrderView order) {
        if (caller.isAdmin()) {
            return;
        }
        Set<String> shops = new LinkedHashSet<>();
        for (OrderLine line : order.items()) {
            // Lines of orders placed before they recorded their shop: the product's shop (a product never moves).
            shops.add(line.merchantId() != null ? line.merchantId() : shopOf(line.productId()));
        }
        for (String shop : shops) {
            requireShopOwner(caller, shop);
        }
    }

    private String shopOf(String productId) {
        return reads.require(new FindProduct(productId), ProductView.class, "product", productId).merchantId();
    }
}
