package io.eventmall.command.order;

import io.eventmall.api.Refusal;
import io.eventmall.api.RuleViolation;
import io.eventmall.api.address.ShippingAddress;
import io.eventmall.command.AggregateReads;
import io.eventmall.command.address.Address;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.stereotype.Component;

/**
 * Where an order ships to, read from the customer's address book without locking or replaying the address
 * ({@link AggregateReads}); the Address aggregate itself says whether the customer may ship there. An address
 * removed in the same instant as an order is placed may still be shipped to, as it would be by an order placed
 * just before; the address book is not held for the order's transaction.
 */
@Component
public class ShippingAddresses {

    private final AggregateReads<Address> addresses;

    public ShippingAddresses(AggregateReads<Address> addresses) {
        this.addresses = addresses;
    }

    /** The address, if it is the customer's and not removed; NOT_FOUND for an unknown address. */
    public ShippingAddress shipTo(String addressId, String customerId) {
        try {
            return addresses.read(addressId, address -> address.shipTo(customerId));
        } catch (AggregateNotFoundException unknown) {
            throw new RuleViolation(Refusal.NOT_FOUND, "address " + addressId + " does not exist");
        }
    }
}
