package io.eventmall.api.flashsale;

/** QUEUED: admitted, its order not yet created; RESERVED: units held by an order; REJECTED: refused or given back. */
public enum PurchaseStatus {
    QUEUED, RESERVED, REJECTED
}
