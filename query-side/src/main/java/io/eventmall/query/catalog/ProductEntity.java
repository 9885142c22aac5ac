package io.eventmall.query.catalog;

import io.eventmall.api.product.MerchantSummary;
import io.eventmall.api.product.ProductDetail;
import io.eventmall.api.product.ProductView;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

@Entity
@Table(name = "product_view")
class ProductEntity {

    @Id
    private String productId;
    @Column(nullable = false)
    private String merchantId;
    @Column(nullable = false)
    private String categoryId;
    @Column(nullable = false)
    private String name;
    private String subtitle;
    private String description;
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    private List<String> images;
    private long price;
    private boolean listed;
    private int available;
    @Column(nullable = false)
    private Instant createdAt;
    private long ratingSum;
    private int reviewCount;

    protected ProductEntity() {
    }

    ProductEntity(String productId, String merchantId, String categoryId, String name, String subtitle,
                  String description, List<String> images, long price, Instant createdAt) {
        this.productId = productId;
        this.merchantId = merchantId;
        this.categoryId = categoryId;
        this.createdAt = createdAt;
        this.price = price;
        this.listed = true;
        describe(name, subtitle, description, images);
    }

    void describe(String name, String subtitle, String description, List<String> images) {
        this.name = name;
        this.subtitle = subtitle;
        this.description = description;
        this.images = images == null ? List.of() : List.copyOf(images);
    }

    void price(long price) {
        this.price = price;
    }

    void listed(boolean listed) {
        this.listed = listed;
    }

    void available(int available) {
        this.available = available;
    }

    void rated(int rating) {
        this.ratingSum += rating;
        this.reviewCount++;
    }

    String merchantId() {
        return merchantId;
    }

    ProductDetail toDetail(MerchantSummary merchant) {
        double average = reviewCount == 0 ? 0 : Math.round(ratingSum * 100.0 / reviewCount) / 100.0;
        return new ProductDetail(productId, categoryId, name, subtitle, description, images, price, listed, available,
                average, reviewCount, merchant, createdAt);
    }

    ProductView toView() {
        return new ProductView(productId, merchantId, categoryId, name, subtitle, description, images, price, listed,
                available, createdAt);
    }
}
