package io.eventmall.query.customer;

import io.eventmall.api.address.AddressAdded;
import io.eventmall.api.address.AddressChanged;
import io.eventmall.api.address.AddressRemoved;
import io.eventmall.api.address.AddressView;
import io.eventmall.api.address.FindAddressesOfUser;
import java.util.List;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

/** A customer's address book; at most one address is the default. */
@Component
@ProcessingGroup(AddressProjection.NAME)
public class AddressProjection {

    public static final String NAME = "addresses";

    private final AddressViewRepository addresses;

    AddressProjection(AddressViewRepository addresses) {
        this.addresses = addresses;
    }

    @EventHandler
    void on(AddressAdded event) {
        if (event.isDefault()) {
            clearDefault(event.userId());
        }
        addresses.save(new AddressEntity(event.addressId(), event.userId(), event.address(), event.isDefault()));
    }

    @EventHandler
    void on(AddressChanged event) {
        if (event.isDefault()) {
            clearDefault(event.userId());
        }
        addresses.findById(event.addressId()).ifPresent(address -> address.change(event.address(), event.isDefault()));
    }

    @EventHandler
    void on(AddressRemoved event) {
        addresses.deleteById(event.addressId());
    }

    @ResetHandler
    void reset() {
        addresses.deleteAllInBatch();
    }

    @QueryHandler
    List<AddressView> handle(FindAddressesOfUser query) {
        return addresses.findByUserIdOrderByAddressId(query.userId()).stream().map(AddressEntity::toView).toList();
    }

    private void clearDefault(String userId) {
        addresses.findByUserIdOrderByAddressId(userId).forEach(AddressEntity::notDefault);
    }
}
