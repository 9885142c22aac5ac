package io.eventmall.query.flashsale;

import io.eventmall.api.flashsale.FlashSaleState;
import io.eventmall.api.flashsale.FlashSaleView;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

@Entity
@Table(name = "flash_sale_view")
class FlashSaleEntity {

    @Id
    private String flashSaleId;
    @Column(nullable = false)
    private String productId;
    private long price;
    private int quantity;
    private int remaining;
    private int perUserLimit;
    @Column(nullable = false)
    private Instant startsAt;
    @Column(nullable = false)
    private Instant endsAt;
    private boolean requirePurchaseToken;
    private int proofOfWorkBits;

    protected FlashSaleEntity() {
    }

    FlashSaleEntity(String flashSaleId, String productId, long price, int quantity, int perUserLimit,
                    Instant startsAt, Instant endsAt, boolean requirePurchaseToken, int proofOfWorkBits) {
        this.requirePurchaseToken = requirePurchaseToken;
        this.proofOfWorkBits = proofOfWorkBits;
        this.flashSaleId = flashSaleId;
        this.productId = productId;
        this.price = price;
        this.quantity = quantity;
        this.remaining = quantity;
        this.perUserLimit = perUserLimit;
        this.startsAt = startsAt;
        this.endsAt = endsAt;
    }

    void remaining(int remaining) {
        this.remaining = remaining;
    }

    FlashSaleView toView(Instant now) {
        return new FlashSaleView(flashSaleId, productId, price, quantity, remaining,
                FlashSaleState.at(now, startsAt, endsAt), startsAt, endsAt, requirePurchaseToken, proofOfWorkBits);
    }
}
