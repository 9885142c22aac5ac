package io.eventmall.query.catalog;

import io.eventmall.api.category.CategoryCreated;
import io.eventmall.api.category.CategoryView;
import io.eventmall.api.category.FindCategory;
import io.eventmall.api.merchant.FindMerchant;
import io.eventmall.api.merchant.MerchantCreated;
import io.eventmall.api.merchant.MerchantView;
import java.util.Optional;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

/** Shops and the category tree that products are filed under. */
@Component
@ProcessingGroup(MerchantProjection.NAME)
public class MerchantProjection {

    public static final String NAME = "merchants";

    private final MerchantViewRepository merchants;
    private final CategoryViewRepository categories;

    MerchantProjection(MerchantViewRepository merchants, CategoryViewRepository categories) {
        this.merchants = merchants;
        this.categories = categories;
    }

    @EventHandler
    void on(MerchantCreated event) {
        merchants.save(new MerchantEntity(event.merchantId(), event.name(), event.description(), event.ownerUserId()));
    }

    @EventHandler
    void on(CategoryCreated event) {
        categories.save(new CategoryEntity(event.categoryId(), event.name(), event.parentId()));
    }

    @ResetHandler
    void reset() {
        merchants.deleteAllInBatch();
        categories.deleteAllInBatch();
    }

    @QueryHandler
    Optional<MerchantView> handle(FindMerchant query) {
        return merchants.findById(query.merchantId()).map(MerchantEntity::toView);
    }

    @QueryHandler
    Optional<CategoryView> handle(FindCategory query) {
        return categories.findById(query.categoryId()).map(CategoryEntity::toView);
    }
}
