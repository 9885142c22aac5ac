package io.eventmall.query.flashsale;

import io.eventmall.api.flashsale.FlashSalePurchaseView;
import io.eventmall.api.flashsale.PurchaseStatus;
import io.eventmall.query.jpa.AssignedIdEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A purchase of the flash-sale read model. It says itself whether it is new ({@link AssignedIdEntity}): its id is the
 * purchase's, so Spring Data would otherwise merge every new purchase (a SELECT before each insert, which also
 * flushed the batch's inserts one by one: half of this read model's time draining a 10,000-unit spike).
 */
@Entity
@Table(name = "flash_sale_purchase_view")
class PurchaseEntity extends AssignedIdEntity {

    @Id
    private String purchaseId;
    @Column(nullable = false)
    private String flashSaleId;
    @Column(nullable = false)
    private String userId;
    private int quantity;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private PurchaseStatus status;
    private String orderId;
    private String reason;

    protected PurchaseEntity() {
    }

    PurchaseEntity(String purchaseId, String flashSaleId, String userId, int quantity, String orderId) {
        this.purchaseId = purchaseId;
        this.flashSaleId = flashSaleId;
        this.userId = userId;
        this.quantity = quantity;
        this.orderId = orderId;
        this.status = PurchaseStatus.QUEUED;
        markNew();
    }

    @Override
    public String getId() {
        return purchaseId;
    }


    void reserve() {
        this.status = PurchaseStatus.RESERVED;
    }

    /** The first reason stands: an expired order's units are returned afterwards, for the same cause. */
    void reject(String reason) {
        if (status == PurchaseStatus.REJECTED) {
            return;
        }
        this.status = PurchaseStatus.REJECTED;
        this.reason = reason;
    }

    FlashSalePurchaseView toView() {
        return new FlashSalePurchaseView(purchaseId, flashSaleId, userId, quantity, status, orderId, reason);
    }
}
