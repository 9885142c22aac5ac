package io.eventmall.command.merchant;

import io.eventmall.api.Refusal;
import io.eventmall.api.merchant.CreateMerchant;
import io.eventmall.api.merchant.MerchantCreated;
import io.eventmall.command.Refused;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.Test;

import static org.hamcrest.Matchers.containsString;

class MerchantTest {

    private final AggregateTestFixture<Merchant> fixture = new AggregateTestFixture<>(Merchant.class);

    @Test
    void createsAMerchant() {
        fixture.givenNoPriorActivity()
                .when(new CreateMerchant("merchant-1", "Tea House", "Teas from Hangzhou", "user-9"))
                .expectEvents(new MerchantCreated("merchant-1", "Tea House", "Teas from Hangzhou", "user-9"));
    }

    @Test
    void descriptionAndOwnerAreOptional() {
        fixture.givenNoPriorActivity()
                .when(new CreateMerchant("merchant-1", "Tea House", null, null))
                .expectEvents(new MerchantCreated("merchant-1", "Tea House", null, null));
    }

    @Test
    void refusesAMerchantWithoutName() {
        fixture.givenNoPriorActivity()
                .when(new CreateMerchant("merchant-1", "", null, null))
                .expectNoEvents()
                .expectException(Refused.because(Refusal.VALIDATION_FAILED))
                .expectExceptionMessage(containsString("name"));
    }
}
