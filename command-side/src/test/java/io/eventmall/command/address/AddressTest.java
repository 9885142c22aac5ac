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
import io.eventmall.command.Refused;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

class AddressTest {

    private static final String ADDRESS_ID = "address-1";
    private static final String OWNER = "user-1";
    private static final String STRANGER = "user-2";
    private static final ShippingAddress HOME =
            new ShippingAddress("Li Lei", "13800000000", "Zhejiang", "Hangzhou", "Xihu", "1 Lake Road", "310000");
    private static final ShippingAddress OFFICE =
            new ShippingAddress("Li Lei", "13800000000", "Zhejiang", "Hangzhou", "Binjiang", "8 Tech Park", null);

    private AggregateTestFixture<Address> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Address.class);
    }

    @Test
    void addsACompleteAddress() {
        fixture.givenNoPriorActivity()
                .when(new AddAddress(ADDRESS_ID, OWNER, HOME, true))
                .expectEvents(new AddressAdded(ADDRESS_ID, OWNER, HOME, true));
    }

    @Test
    void refusesAnAddressWithoutDistrict() {
        ShippingAddress noDistrict = new ShippingAddress("Li Lei", "13800000000", "Zhejiang", "Hangzhou", "", "1 Lake Road", null);

        fixture.givenNoPriorActivity()
                .when(new AddAddress(ADDRESS_ID, OWNER, noDistrict, false))
                .expectNoEvents()
                .expectException(Refused.because(Refusal.VALIDATION_FAILED))
                .expectExceptionMessage(containsString("district"));
    }

    @Test
    void refusesAMissingAddress() {
        fixture.givenNoPriorActivity()
                .when(new AddAddress(ADDRESS_ID, OWNER, null, false))
                .expectException(RuleViolation.class)
                .expectException(Refused.because(Refusal.VALIDATION_FAILED));
    }

    @Test
    void refusesAnAddressWithoutOwner() {
        fixture.givenNoPriorActivity()
                .when(new AddAddress(ADDRESS_ID, null, HOME, false))
                .expectException(Refused.because(Refusal.VALIDATION_FAILED))
                .expectExceptionMessage(containsString("userId"));
    }

    @Test
    void theOwnerChangesTheAddress() {
        fixture.given(new AddressAdded(ADDRESS_ID, OWNER, HOME, true))
                .when(new ChangeAddress(ADDRESS_ID, OWNER, OFFICE, false))
                .expectEvents(new AddressChanged(ADDRESS_ID, OWNER, OFFICE, false));
    }

    @Test
    void aStrangerCannotChangeTheAddress() {
        fixture.given(new AddressAdded(ADDRESS_ID, OWNER, HOME, true))
                .when(new ChangeAddress(ADDRESS_ID, STRANGER, OFFICE, false))
                .expectNoEvents()
                .expectException(Refused.because(Refusal.FORBIDDEN));
    }

    @Test
    void refusesAChangeThatLeavesAFieldBlank() {
        ShippingAddress noPhone = new ShippingAddress("Li Lei", null, "Zhejiang", "Hangzhou", "Xihu", "1 Lake Road", null);

        fixture.given(new AddressAdded(ADDRESS_ID, OWNER, HOME, true))
                .when(new ChangeAddress(ADDRESS_ID, OWNER, noPhone, false))
                .expectException(Refused.because(Refusal.VALIDATION_FAILED))
                .expectExceptionMessage(containsString("phone"));
    }

    @Test
    void aRemovedAddressCannotBeChanged() {
        fixture.given(new AddressAdded(ADDRESS_ID, OWNER, HOME, true), new AddressRemoved(ADDRESS_ID, OWNER))
                .when(new ChangeAddress(ADDRESS_ID, OWNER, OFFICE, false))
                .expectNoEvents()
                .expectException(Refused.because(Refusal.NOT_FOUND));
    }

    @Test
    void theOwnerRemovesTheAddress() {
        fixture.given(new AddressAdded(ADDRESS_ID, OWNER, HOME, true))
                .when(new RemoveAddress(ADDRESS_ID, OWNER))
                .expectEvents(new AddressRemoved(ADDRESS_ID, OWNER));
    }

    @Test
    void aStrangerCannotRemoveTheAddress() {
        fixture.given(new AddressAdded(ADDRESS_ID, OWNER, HOME, true))
                .when(new RemoveAddress(ADDRESS_ID, STRANGER))
                .expectNoEvents()
                .expectException(Refused.because(Refusal.FORBIDDEN));
    }

    @Test
    void aRemovedAddressCannotBeRemovedAgain() {
        fixture.given(new AddressAdded(ADDRESS_ID, OWNER, HOME, true), new AddressRemoved(ADDRESS_ID, OWNER))
                .when(new RemoveAddress(ADDRESS_ID, OWNER))
                .expectNoEvents()
                .expectException(Refused.because(Refusal.NOT_FOUND));
    }

    @Test
    void shipsToTheOwnersLatestAddressWithoutApplyingAnything() {
        AtomicReference<ShippingAddress> shipTo = new AtomicReference<>();

        fixture.given(new AddressAdded(ADDRESS_ID, OWNER, HOME, true), new AddressChanged(ADDRESS_ID, OWNER, OFFICE, true))
                .whenInvoking(ADDRESS_ID, address -> shipTo.set(address.shipTo(OWNER)))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();

        assertThat(shipTo.get()).isEqualTo(OFFICE);
    }

    @Test
    void refusesToShipToAStrangersAddress() {
        fixture.given(new AddressAdded(ADDRESS_ID, OWNER, HOME, true))
                .whenInvoking(ADDRESS_ID, address -> address.shipTo(STRANGER))
                .expectNoEvents()
                .expectException(Refused.because(Refusal.FORBIDDEN));
    }

    @Test
    void refusesToShipToARemovedAddress() {
        fixture.given(new AddressAdded(ADDRESS_ID, OWNER, HOME, true), new AddressRemoved(ADDRESS_ID, OWNER))
                .whenInvoking(ADDRESS_ID, address -> address.shipTo(OWNER))
                .expectNoEvents()
                .expectException(Refused.because(Refusal.NOT_FOUND));
    }
}
