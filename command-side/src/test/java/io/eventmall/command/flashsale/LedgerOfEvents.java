package io.eventmall.command.flashsale;

import io.eventmall.api.flashsale.FlashSaleUnitsPurchased;
import io.eventmall.api.flashsale.FlashSaleUnitsReturned;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The ledger a fixture's given events would have left in {@code flash_sale_purchase}: the fixture does not run the
 * subscribing handler that writes it, so tests record the same events here. {@code JdbcFlashSaleLedgerIntegrationTest}
 * checks the real table against the same rules.
 */
final class LedgerOfEvents implements FlashSaleLedger {

    private final Map<String, Map<String, Purchase>> purchasesBySale = new HashMap<>();

    void record(Object... events) {
        for (Object event : events) {
            if (event instanceof FlashSaleUnitsPurchased purchased) {
                sale(purchased.flashSaleId()).put(purchased.purchaseId(),
                        new Purchase(purchased.userId(), purchased.quantity(), false));
            } else if (event instanceof FlashSaleUnitsReturned returned) {
                sale(returned.flashSaleId()).computeIfPresent(returned.purchaseId(),
                        (id, purchase) -> new Purchase(purchase.userId(), purchase.quantity(), true));
            }
        }
    }

    @Override
    public Map<String, Purchase> purchases(String flashSaleId, Collection<String> purchaseIds) {
        Map<String, Purchase> known = new HashMap<>(sale(flashSaleId));
        known.keySet().retainAll(purchaseIds);
        return known;
    }

    @Override
    public Map<String, Integer> unitsHeld(String flashSaleId, Collection<String> userIds) {
        Map<String, Integer> held = new HashMap<>();
        sale(flashSaleId).values().stream()
                .filter(purchase -> !purchase.returned() && userIds.contains(purchase.userId()))
                .forEach(purchase -> held.merge(purchase.userId(), purchase.quantity(), Integer::sum));
        return held;
    }

    private Map<String, Purchase> sale(String flashSaleId) {
        return purchasesBySale.computeIfAbsent(flashSaleId, id -> new LinkedHashMap<>());
    }
}
