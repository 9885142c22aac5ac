package io.eventmall.api;

/**
 * Money is a {@code long} count of minor units (cents). Every amount a client sends is at most
 * {@link #MAX_AMOUNT}, so that a line (at most {@link #MAX_AMOUNT} x 999 units) and an order of 50 such lines
 * stay far below {@code Long.MAX_VALUE}; sums are still computed with exact arithmetic, refusing rather than
 * wrapping around.
 */
public final class Money {

    /** 100 000 000 000 minor units: one billion in major units. */
    public static final long MAX_AMOUNT = 100_000_000_000L;

    private Money() {
    }

    public static long times(long amount, int quantity) {
        try {
            return Math.multiplyExact(amount, quantity);
        } catch (ArithmeticException overflow) {
            throw RuleViolation.invalid("the amount " + amount + " x " + quantity + " is out of range");
        }
    }

    public static long sum(long left, long right) {
        try {
            return Math.addExact(left, right);
        } catch (ArithmeticException overflow) {
            throw RuleViolation.invalid("the amount " + left + " + " + right + " is out of range");
        }
    }
}
