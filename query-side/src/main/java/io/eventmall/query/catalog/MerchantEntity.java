package io.eventmall.query.catalog;

import io.eventmall.api.merchant.MerchantView;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

@Entity
@Table(name = "merchant_view")
class MerchantEntity {

    @Id
    private String merchantId;
    @Column(nullable = false)
    private String name;
    private String description;
    private String ownerUserId;

    protected MerchantEntity() {
    }

    MerchantEntity(String merchantId, String name, String description, String ownerUserId) {
        this.merchantId = merchantId;
        this.name = name;
        this.description = description;
        this.ownerUserId = ownerUserId;
    }

    MerchantView toView() {
        return new MerchantView(merchantId, name, description, ownerUserId);
    }
}
