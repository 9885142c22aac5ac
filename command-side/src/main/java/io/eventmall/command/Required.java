package io.eventmall.command;

import io.eventmall.api.RuleViolation;

/**
 * How every aggregate refuses a missing or non-positive input, so that clients get the same
 * VALIDATION_FAILED wording whichever command they sent.
 */
public final class Required {

    private Required() {
    }

    public static void text(String field, String value) {
        if (value == null || value.isBlank()) {
            throw RuleViolation.invalid(field + " is required");
        }
    }

    public static void value(String field, Object value) {
        if (value == null) {
            throw RuleViolation.invalid(field + " is required");
        }
    }

    public static void positive(String field, long value) {
        if (value <= 0) {
            throw RuleViolation.invalid(field + " must be greater than zero, was " + value);
        }
    }
}
