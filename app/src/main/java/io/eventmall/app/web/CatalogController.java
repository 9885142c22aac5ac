package io.eventmall.app.web;

import io.eventmall.api.Money;
import io.eventmall.api.banner.CreateBanner;
import io.eventmall.api.category.CreateCategory;
import io.eventmall.api.inventory.AddStock;
import io.eventmall.api.merchant.CreateMerchant;
import io.eventmall.api.merchant.FindMerchant;
import io.eventmall.api.merchant.MerchantView;
import io.eventmall.api.product.CreateProduct;
import io.eventmall.api.product.DelistProduct;
import io.eventmall.api.product.FindProduct;
import io.eventmall.api.product.ListProduct;
import io.eventmall.api.product.ProductView;
import io.eventmall.api.product.UpdateProduct;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Operators' and merchants' catalog commands: shops, categories, products, stock and banners. */
@RestController
@RequestMapping("/api/v1")
public class CatalogController {

    private static final Logger log = LoggerFactory.getLogger(CatalogController.class);

    private final CommandGateway commands;
    private final Reads reads;
    private final ReadModelWait readModel;
    private final ShopOwnership shops;

    CatalogController(CommandGateway commands, Reads reads, ReadModelWait readModel, ShopOwnership shops) {
        this.commands = commands;
        this.reads = reads;
        this.readModel = readModel;
        this.shops = shops;
    }

    @PostMapping("/merchants")
    @ResponseStatus(HttpStatus.CREATED)
    Map<String, String> createMerchant(@Valid @RequestBody NewMerchant body) {
        String merchantId = UUID.randomUUID().toString();
        commands.sendAndWait(new CreateMerchant(merchantId, body.name(), body.description(), body.ownerUserId()));
        log.info("merchant {} created", merchantId);
        return Map.of("merchantId", merchantId);
    }

    @PostMapping("/categories")
    @ResponseStatus(HttpStatus.CREATED)
    Map<String, String> createCategory(@Valid @RequestBody NewCategory body) {
        String categoryId = UUID.randomUUID().toString();
        commands.sendAndWait(new CreateCategory(categoryId, body.name(), body.parentId()));
        log.info("category {} created", categoryId);
        return Map.of("categoryId", categoryId);
    }

    @PostMapping("/products")
    @ResponseStatus(HttpStatus.CREATED)
    Map<String, String> createProduct(@Valid @RequestBody NewProduct body, Authentication authentication) {
        shops.requireShopOwner(Caller.of(authentication), body.merchantId());
        String productId = UUID.randomUUID().toString();
        commands.sendAndWait(new CreateProduct(productId, body.merchantId(), body.categoryId(), body.name(),
                body.subtitle(), body.description(), body.images() == null ? List.of() : body.images(), body.price()));
        log.info("product {} created in shop {}", productId, body.merchantId());
        // Its owner manages it next (stock, listing), which reads the product read model.
        readModel.until(() -> reads.find(new FindProduct(productId), ProductView.class).isPresent());
        return Map.of("productId", productId);
    }

    @PutMapping("/products/{productId}")
    Map<String, String> updateProduct(@PathVariable String productId, @Valid @RequestBody ProductChange body,
                                      Authentication authentication) {
        shops.requireProductOwner(Caller.of(authentication), productId);
        commands.sendAndWait(new UpdateProduct(productId, body.name(), body.subtitle(), body.description(),
                body.images(), body.price()));
        return Map.of("productId", productId);
    }

    @PostMapping("/products/{productId}/list")
    Map<String, Object> list(@PathVariable String productId, Authentication authentication) {
        shops.requireProductOwner(Caller.of(authentication), productId);
        commands.sendAndWait(new ListProduct(productId));
        return Map.of("productId", productId, "listed", true);
    }

    @PostMapping("/products/{productId}/delist")
    Map<String, Object> delist(@PathVariable String productId, Authentication authentication) {
        shops.requireProductOwner(Caller.of(authentication), productId);
        commands.sendAndWait(new DelistProduct(productId));
        return Map.of("productId", productId, "listed", false);
    }

    @PostMapping("/products/{productId}/stock")
    Map<String, Object> addStock(@PathVariable String productId, @Valid @RequestBody StockDelivery body,
                                 Authentication authentication) {
        ProductView product = reads.require(new FindProduct(productId), ProductView.class, "product", productId);
        shops.requireShopOwner(Caller.of(authentication), product.merchantId());
        int available = commands.sendAndWait(new AddStock(productId, body.quantity()));
        log.info("{} units added to product {}, {} available", body.quantity(), productId, available);
        return Map.of("productId", productId, "available", available);
    }

    @PostMapping("/banners")
    @ResponseStatus(HttpStatus.CREATED)
    Map<String, String> createBanner(@Valid @RequestBody NewBanner body) {
        String bannerId = UUID.randomUUID().toString();
        commands.sendAndWait(new CreateBanner(bannerId, body.imageUrl(), body.link(), body.position(),
                body.activeFrom(), body.activeTo()));
        return Map.of("bannerId", bannerId);
    }

    record NewMerchant(@NotBlank @Size(max = 255) String name, @Size(max = 4000) String description,
                       @Size(max = 64) String ownerUserId) {
    }

    record NewCategory(@NotBlank @Size(max = 255) String name, @Size(max = 64) String parentId) {
    }

    record NewProduct(@NotBlank @Size(max = 64) String merchantId, @NotBlank @Size(max = 64) String categoryId,
                      @NotBlank @Size(max = 255) String name, @Size(max = 255) String subtitle,
                      @Size(max = 20000) String description, @Size(max = 20) List<@NotBlank String> images,
                      @NotNull @Positive @Max(Money.MAX_AMOUNT) Long price) {
    }

    record ProductChange(@Size(min = 1, max = 255) String name, @Size(max = 255) String subtitle,
                         @Size(max = 20000) String description, @Size(max = 20) List<@NotBlank String> images,
                         @Positive @Max(Money.MAX_AMOUNT) Long price) {
    }

    record StockDelivery(@NotNull @Min(1) @Max(1_000_000) Integer quantity) {
    }

    record NewBanner(@NotBlank @Size(max = 1000) String imageUrl, @NotBlank @Size(max = 1000) String link,
                     @NotNull @Min(0) @Max(1000) Integer position, Instant activeFrom, Instant activeTo) {
    }
}
