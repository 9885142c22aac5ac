package io.eventmall.command.address;

import io.eventmall.api.Refusal;
import io.eventmall.api.RuleViolation;
import io.eventmall.api.address.AddAddress;
import io.eventmall.api.address.AddressAdded;
import io.eventmall.api.address.AddressChanged;
import io.eventmall.api.address.AddressRemoved;
import io.eventmall.api.address.ChangeAddress;
import io.eventmall.api.address.RemoveAddress;
import io.eventmall.api.address.ShippingAddress;
import io.eventmall.command.Required;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

@Aggregate
public class Address {

    @AggregateIdentifier
    private String addressId;
    private String ownerId;
    private ShippingAddress shippingAddress;
    private boolean removed;

    @CommandHandler
    public Address(AddAddress command) {
        Required.text("userId", command.userId());
        requireDeliverable(command.address());
        apply(new AddressAdded(command.addressId(), command.userId(), command.address(), command.isDefault()));
    }

    protected Address() {
    }

    @CommandHandler
    public void handle(ChangeAddress command) {
        requireInUseBy(command.userId());
        requireDeliverable(command.address());
        apply(new AddressChanged(addressId, ownerId, command.address(), command.isDefault()));
    }

    @CommandHandler
    public void handle(RemoveAddress command) {
        requireInUseBy(command.userId());
        apply(new AddressRemoved(addressId, ownerId));
    }

    /** Order placement copies the address into the order, so later edits never change where a placed order goes. */
    public ShippingAddress shipTo(String customerId) {
        requireInUseBy(customerId);
        return shippingAddress;
    }

    /** Ownership is checked first so that a stranger cannot learn whether someone else's address was removed. */
    private void requireInUseBy(String userId) {
        if (!ownerId.equals(userId)) {
            throw new RuleViolation(Refusal.FORBIDDEN, "address " + addressId + " belongs to another user");
        }
        if (removed) {
            throw new RuleViolation(Refusal.NOT_FOUND, "address " + addressId + " was removed");
        }
    }

    private static void requireDeliverable(ShippingAddress address) {
        Required.value("address", address);
        Required.text("receiverName", address.receiverName());
        Required.text("phone", address.phone());
        Required.text("province", address.province());
        Required.text("city", address.city());
        Required.text("district", address.district());
        Required.text("detailAddress", address.detailAddress());
    }

    @EventSourcingHandler
    void on(AddressAdded event) {
        addressId = event.addressId();
        ownerId = event.userId();
        shippingAddress = event.address();
    }

    @EventSourcingHandler
    void on(AddressChanged event) {
        shippingAddress = event.address();
    }

    @EventSourcingHandler
    void on(AddressRemoved event) {
        removed = true;
    }
}
