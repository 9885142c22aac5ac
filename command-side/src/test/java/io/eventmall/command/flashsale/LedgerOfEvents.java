package io.eventmall.command.flashsale;

import io.eventmall.api.flashsale.FlashSaleUnitsPurchased;
import io.eventmall.api.flashsale.FlashSaleUnitsReturned;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The ledger a fixture's given events would have left in {@code flash_sale_purchase}: the fixture does not run the
 * subscribing handler that writes it, so tests record the same events here. {@code FlashSaleLedgerIntegrationTest}
 * checks the real table against the same rules.
 */
final class LedgerOfEvents implements FlashSaleLedger {

    /** Per sale, per buyer, the buyer's purchases in the order they were made. */
    private final Map<String, Map<String, List<Purchase>>> purchasesBySale = new HashMap<>();

    void record(Object... events) {
        for (Object event : events) {
            if (event instanceof FlashSaleUnitsPurchased purchased) {
                buyer(purchased.flashSaleId(), purchased.userId())
                        .add(new Purchase(purchased.purchaseId(), purchased.quantity(), false));
            } else if (event instanceof FlashSaleUnitsReturned returned) {
                buyer(returned.flashSaleId(), returned.userId()).replaceAll(purchase ->
                        purchase.purchaseId().equals(returned.purchaseId())
                                ? new Purchase(purchase.purchaseId(), purchase.quantity(), true) : purchase);
            }
        }
    }

    @Override
    public Map<String, List<Purchase>> purchasesOf(String flashSaleId, Collection<String> userIds) {
        Map<String, List<Purchase>> byBuyer = new HashMap<>();
        purchasesBySale.getOrDefault(flashSaleId, Map.of()).forEach((buyer, purchases) -> {
            if (userIds.contains(buyer) && !purchases.isEmpty()) {
                byBuyer.put(buyer, List.copyOf(purchases));
            }
        });
        return byBuyer;
    }

    private List<Purchase> buyer(String flashSaleId, String userId) {
        return purchasesBySale.computeIfAbsent(flashSaleId, id -> new HashMap<>())
                .computeIfAbsent(userId, id -> new ArrayList<>());
    }
}
