package io.eventmall.saga.flashsale;

import io.eventmall.api.flashsale.FlashSaleUnitsPurchased;
import io.eventmall.api.flashsale.ReturnFlashSaleUnits;
import io.eventmall.api.order.PlaceFlashSaleOrder;
import io.eventmall.saga.ProcessCommands;
import io.eventmall.saga.notification.Notification;
import io.eventmall.saga.notification.NotificationSender;
import io.eventmall.saga.order.PaymentTimeout;
import java.time.Instant;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Turns units a flash sale admitted into an order at the sale price; from there the order follows the
 * same fulfilment as any other. Should the order be impossible (the product was withdrawn), the units go
 * straight back to the sale.
 */
@Component
@ProcessingGroup("flash-sale-ordering")
public class FlashSaleOrdering {

    private static final Logger log = LoggerFactory.getLogger(FlashSaleOrdering.class);

    private final ProcessCommands commands;
    private final NotificationSender notifications;
    private final PaymentTimeout paymentTimeout;

    FlashSaleOrdering(ProcessCommands commands, NotificationSender notifications, PaymentTimeout paymentTimeout) {
        this.commands = commands;
        this.notifications = notifications;
        this.paymentTimeout = paymentTimeout;
    }

    /**
     * One command per purchase: the order is placed already awaiting payment (the sale holds its units), with
     * a deadline counted from the purchase, so a redelivered purchase asks for exactly the same order.
     */
    @EventHandler
    void on(FlashSaleUnitsPurchased purchase, @Timestamp Instant purchasedAt) {
        commands.trySend(new PlaceFlashSaleOrder(purchase.orderId(), purchase.userId(), purchase.flashSaleId(),
                purchase.purchaseId(), purchase.productId(), purchase.quantity(), purchase.unitPrice(),
                purchasedAt.plus(paymentTimeout.duration())))
                .ifPresent(refused -> {
                    log.warn("flash sale {}: purchase {} could not become an order ({}); units returned",
                            purchase.flashSaleId(), purchase.purchaseId(), refused.getMessage());
                    commands.trySend(new ReturnFlashSaleUnits(purchase.flashSaleId(), purchase.purchaseId(),
                            purchase.userId()))
                            .ifPresent(notReturned -> log.warn("flash sale {}: units of purchase {} not returned: {}",
                                    purchase.flashSaleId(), purchase.purchaseId(), notReturned.getMessage()));
                    notifications.send(new Notification(purchase.userId(), "FLASH_SALE_FAILED",
                            "Flash-sale purchase failed", "Your purchase " + purchase.purchaseId()
                                    + " could not be turned into an order: " + refused.getMessage()));
                });
    }
}
