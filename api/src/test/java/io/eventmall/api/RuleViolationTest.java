package io.eventmall.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RuleViolationTest {

    @Test
    void aRefusalCarriesItsCodeAndMessageButNoStackTrace() {
        RuleViolation refusal = new RuleViolation(Refusal.SOLD_OUT, "flash sale fs-1 is sold out");

        assertThat(refusal.refusal()).isEqualTo(Refusal.SOLD_OUT);
        assertThat(refusal.getMessage()).isEqualTo("flash sale fs-1 is sold out");
        assertThat(refusal.getStackTrace()).isEmpty();
    }

    @Test
    void aRefusalStillKeepsWhatWasSuppressedWhileItWasThrown() {
        RuleViolation refusal = RuleViolation.invalidState("order o-1 is paid");
        refusal.addSuppressed(new IllegalStateException("rollback failed"));

        assertThat(refusal.refusal()).isEqualTo(Refusal.INVALID_STATE);
        assertThat(refusal.getSuppressed()).hasSize(1);
    }
}
