package io.eventmall.app.flashsale;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.LoadingCache;
import io.eventmall.api.flashsale.FindFlashSale;
import io.eventmall.api.flashsale.FlashSaleView;
import io.eventmall.app.web.ApiProblem;
import io.eventmall.app.web.Reads;
import java.time.Duration;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * A sale's terms as the purchase path needs them before the gate (window, whether a purchase token is required),
 * kept in process: they never change once scheduled, so a spike reads PostgreSQL once per sale and node, not once per
 * request. An unknown sale is remembered for a second, so that a flood of requests for it reaches the database once
 * a second, and a sale scheduled meanwhile is seen at once.
 */
@Component
class SaleTerms {

    private final LoadingCache<String, Optional<FlashSaleView>> terms;

    SaleTerms(Reads reads) {
        this.terms = Caffeine.newBuilder().maximumSize(10_000)
                .expireAfter(Expiry.<String, Optional<FlashSaleView>>creating((id, sale) ->
                        sale.isPresent() ? Duration.ofMinutes(10) : Duration.ofSeconds(1)))
                .build(flashSaleId -> reads.find(new FindFlashSale(flashSaleId), FlashSaleView.class));
    }

    /** Empty for a sale the read model does not show (yet): whether it exists at all is the aggregate's to say. */
    Optional<FlashSaleView> find(String flashSaleId) {
        return terms.get(flashSaleId);
    }

    FlashSaleView of(String flashSaleId) {
        return find(flashSaleId).orElseThrow(() -> ApiProblem.notFound("flash sale", flashSaleId));
    }
}
