package io.eventmall.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventmall.api.order.OrderLine;
import org.junit.jupiter.api.Test;

class MoneyTest {

    @Test
    void aLineAtTheMaximumPriceAndQuantityIsExact() {
        assertThat(new OrderLine("p", "Dear", Money.MAX_AMOUNT, 999).lineAmount()).isEqualTo(99_900_000_000_000L);
    }

    @Test
    void overflowIsRefusedNotWrappedAround() {
        assertThatThrownBy(() -> new OrderLine("p", "Too dear", Long.MAX_VALUE / 2, 3).lineAmount())
                .isInstanceOfSatisfying(RuleViolation.class,
                        refused -> assertThat(refused.refusal()).isEqualTo(Refusal.VALIDATION_FAILED));
        assertThatThrownBy(() -> Money.sum(Long.MAX_VALUE, 1)).isInstanceOf(RuleViolation.class);
    }
}
