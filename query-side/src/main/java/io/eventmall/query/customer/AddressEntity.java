package io.eventmall.query.customer;

import io.eventmall.api.address.AddressView;
import io.eventmall.api.address.ShippingAddress;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

@Entity
@Table(name = "address_view")
class AddressEntity {

    @Id
    private String addressId;
    @Column(nullable = false)
    private String userId;
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    private ShippingAddress address;
    private boolean isDefault;

    protected AddressEntity() {
    }

    AddressEntity(String addressId, String userId, ShippingAddress address, boolean isDefault) {
        this.addressId = addressId;
        this.userId = userId;
        this.address = address;
        this.isDefault = isDefault;
    }

    void change(ShippingAddress address, boolean isDefault) {
        this.address = address;
        this.isDefault = isDefault;
    }

    void notDefault() {
        this.isDefault = false;
    }

    String addressId() {
        return addressId;
    }

    AddressView toView() {
        return new AddressView(addressId, userId, address, isDefault);
    }
}
