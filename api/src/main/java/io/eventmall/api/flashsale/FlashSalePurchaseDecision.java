package io.eventmall.api.flashsale;

import io.eventmall.api.Refusal;

/**
 * What the FlashSale aggregate decided for one purchase of a batch: accepted (then committed with the batch), or
 * refused with the same code and reason a single purchase command would have been refused with.
 */
public record FlashSalePurchaseDecision(String purchaseId, Refusal refusal, String reason) {

    public static FlashSalePurchaseDecision accepted(String purchaseId) {
        return new FlashSalePurchaseDecision(purchaseId, null, null);
    }

    public static FlashSalePurchaseDecision refused(String purchaseId, Refusal refusal, String reason) {
        return new FlashSalePurchaseDecision(purchaseId, refusal, reason);
    }

    public boolean isAccepted() {
        return refusal == null;
    }
}
