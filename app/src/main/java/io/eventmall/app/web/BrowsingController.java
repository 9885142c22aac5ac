package io.eventmall.app.web;

import io.eventmall.app.flashsale.LiveFlashSales;
import io.eventmall.api.flashsale.FlashSaleState;
import io.eventmall.api.flashsale.FlashSaleView;
import io.eventmall.api.home.HomeView;
import io.eventmall.api.merchant.FindMerchant;
import io.eventmall.api.merchant.MerchantView;
import io.eventmall.api.product.ProductPage;
import io.eventmall.api.product.FindListedProducts;
import io.eventmall.api.product.ProductDetail;
import io.eventmall.api.product.ProductView;
import io.eventmall.api.ranking.BestSeller;
import io.eventmall.api.ranking.FindBestSellers;
import io.eventmall.api.ranking.FindTopMerchants;
import io.eventmall.api.ranking.TopMerchant;
import io.eventmall.query.catalog.ProductDetailCache;
import io.eventmall.query.home.HomePage;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The public browsing API. The two hottest pages, /home and /products/{id}, are answered from Redis and the
 * in-process cache without the query bus (its transaction would take a database connection per request); the
 * other lists go through the query bus to their read models.
 */
@RestController
@RequestMapping("/api/v1")
public class BrowsingController {

    private final Reads reads;
    private final LiveFlashSales flashSales;
    private final HomePage homePage;
    private final ProductDetailCache productPages;

    BrowsingController(Reads reads, HomePage homePage, ProductDetailCache productPages, LiveFlashSales flashSales) {
        this.reads = reads;
        this.flashSales = flashSales;
        this.homePage = homePage;
        this.productPages = productPages;
    }

    @GetMapping("/home")
    HomeView home(Authentication authentication) {
        String userId = authentication instanceof JwtAuthenticationToken ? authentication.getName() : null;
        return homePage.of(userId);
    }

    @GetMapping("/products/{productId}")
    ProductDetail product(@PathVariable @Size(max = 64) String productId) {
        return productPages.get(productId).orElseThrow(() -> ApiProblem.notFound("product", productId));
    }

    @GetMapping("/products")
    ProductPage products(@RequestParam(required = false) @Size(max = 64) String categoryId,
                                     @RequestParam(required = false) @Size(max = 200) String cursor,
                                     @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        return reads.one(new FindListedProducts(categoryId, null, cursor, size), ProductPage.class);
    }

    @GetMapping("/merchants/top")
    List<TopMerchant> topMerchants(@RequestParam(defaultValue = "10") @Min(1) @Max(100) int limit) {
        return reads.list(new FindTopMerchants(limit), TopMerchant.class);
    }

    @GetMapping("/merchants/{merchantId}")
    MerchantPage merchant(@PathVariable @Size(max = 64) String merchantId) {
        MerchantView merchant = reads.require(new FindMerchant(merchantId), MerchantView.class, "merchant", merchantId);
        return new MerchantPage(merchant.merchantId(), merchant.name(), merchant.description());
    }

    @GetMapping("/merchants/{merchantId}/products")
    ProductPage merchantProducts(@PathVariable @Size(max = 64) String merchantId,
                                             @RequestParam(required = false) @Size(max = 200) String cursor,
                                             @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        reads.require(new FindMerchant(merchantId), MerchantView.class, "merchant", merchantId);
        return reads.one(new FindListedProducts(null, merchantId, cursor, size), ProductPage.class);
    }

    @GetMapping("/rankings")
    List<BestSeller> rankings(@RequestParam(required = false) @Size(max = 64) String categoryId,
                              @RequestParam(defaultValue = "10") @Min(1) @Max(100) int limit) {
        return reads.list(new FindBestSellers(categoryId, limit), BestSeller.class);
    }

    @GetMapping("/flash-sales")
    List<FlashSaleView> flashSales(@RequestParam(defaultValue = "ongoing") String state,
                                   @RequestParam(defaultValue = "20") @Min(1) @Max(100) int limit) {
        FlashSaleState wanted;
        try {
            wanted = FlashSaleState.valueOf(state.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            throw ApiProblem.of(io.eventmall.api.Refusal.VALIDATION_FAILED,
                    "state must be ongoing, upcoming or ended, was " + state);
        }
        return this.flashSales.list(wanted, limit);
    }

    /** A shop's public page: the owner stays private. */
    record MerchantPage(String merchantId, String name, String description) {
    }
}
