package io.eventmall.query.flashsale;

import io.eventmall.api.flashsale.FindFlashSale;
import io.eventmall.api.flashsale.FindFlashSalePurchase;
import io.eventmall.api.flashsale.FlashSalePurchaseView;
import io.eventmall.api.flashsale.FlashSaleScheduled;
import io.eventmall.api.flashsale.FlashSaleUnitsPurchased;
import io.eventmall.api.flashsale.FlashSaleUnitsReturned;
import io.eventmall.api.flashsale.FlashSaleView;
import io.eventmall.api.order.OrderAccepted;
import io.eventmall.api.order.OrderCancelled;
import io.eventmall.api.order.OrderExpired;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import io.eventmall.api.flashsale.FindFlashSales;
import org.springframework.data.domain.Limit;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

/** Flash sales with their remaining units, and each purchase's outcome as its buyer polls it. */
@Component
@ProcessingGroup(FlashSaleProjection.NAME)
public class FlashSaleProjection {

    public static final String NAME = "flash-sales";

    private final FlashSaleViewRepository sales;
    private final PurchaseViewRepository purchases;
    private final Clock clock;

    FlashSaleProjection(FlashSaleViewRepository sales, PurchaseViewRepository purchases, Clock clock) {
        this.sales = sales;
        this.purchases = purchases;
        this.clock = clock;
    }

    @EventHandler
    void on(FlashSaleScheduled event) {
        sales.save(new FlashSaleEntity(event.flashSaleId(), event.productId(), event.price(), event.quantity(),
                event.perUserLimit(), event.startsAt(), event.endsAt(), event.requirePurchaseToken(),
                event.proofOfWorkBits()));
    }

    @EventHandler
    void on(FlashSaleUnitsPurchased event) {
        sales.findById(event.flashSaleId()).ifPresent(sale -> sale.remaining(event.remaining()));
        purchases.save(new PurchaseEntity(event.purchaseId(), event.flashSaleId(), event.userId(), event.quantity(),
                event.orderId()));
    }

    @EventHandler
    void on(FlashSaleUnitsReturned event) {
        sales.findById(event.flashSaleId()).ifPresent(sale -> sale.remaining(event.remaining()));
        purchases.findById(event.purchaseId()).ifPresent(purchase -> purchase.reject("UNITS_RETURNED"));
    }

    /**
     * The purchase's order awaits payment: its units are held for the buyer. Any other order is skipped unlooked-up
     * (a query per accepted order was three quarters of this read model's time under the orders benchmark); an
     * acceptance stored before it said which it is is looked up.
     */
    @EventHandler
    void on(OrderAccepted event) {
        if (Boolean.FALSE.equals(event.flashSaleOrder())) {
            return;
        }
        purchases.findByOrderId(event.orderId()).ifPresent(PurchaseEntity::reserve);
    }

    @EventHandler
    void on(OrderExpired event) {
        purchases.findByOrderId(event.orderId()).ifPresent(purchase -> purchase.reject("ORDER_EXPIRED"));
    }

    @EventHandler
    void on(OrderCancelled event) {
        purchases.findByOrderId(event.orderId()).ifPresent(purchase -> purchase.reject("ORDER_CANCELLED"));
    }

    @ResetHandler
    void reset() {
        purchases.deleteAllInBatch();
        sales.deleteAllInBatch();
    }

    @QueryHandler
    Optional<FlashSaleView> handle(FindFlashSale query) {
        return sales.findById(query.flashSaleId()).map(sale -> sale.toView(clock.instant()));
    }

    /** Upcoming ones soonest to start first, ongoing ones soonest to end first, ended ones latest first. */
    @QueryHandler
    List<FlashSaleView> handle(FindFlashSales query) {
        Instant now = clock.instant();
        Limit limit = Limit.of(Math.max(1, Math.min(query.limit(), 100)));
        List<FlashSaleEntity> found = switch (query.state()) {
            case UPCOMING -> sales.upcoming(now, limit);
            case ONGOING -> sales.ongoing(now, limit);
            case ENDED -> sales.ended(now, limit);
        };
        return found.stream().map(sale -> sale.toView(now)).toList();
    }

    @QueryHandler
    Optional<FlashSalePurchaseView> handle(FindFlashSalePurchase query) {
        return purchases.findById(query.purchaseId())
                .map(PurchaseEntity::toView)
                .filter(view -> view.flashSaleId().equals(query.flashSaleId()));
    }
}
