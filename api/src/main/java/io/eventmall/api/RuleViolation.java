package io.eventmall.api;

/**
 * Thrown by a command handler that refuses a command; carries the stable {@link Refusal} code.
 * <p>
 * A refusal is an answer, not a fault: it takes no stack trace. Filling one in was a quarter of a refused flash-sale
 * purchase's own work (the gate refuses thousands a second once a sale sells out), and the code and message say
 * all a reader of the log needs.
 */
public class RuleViolation extends RuntimeException {

    private final Refusal refusal;

    public RuleViolation(Refusal refusal, String message) {
        super(message, null, true, false);
        this.refusal = refusal;
    }

    public Refusal refusal() {
        return refusal;
    }

    public static RuleViolation invalidState(String message) {
        return new RuleViolation(Refusal.INVALID_STATE, message);
    }

    public static RuleViolation invalid(String message) {
        return new RuleViolation(Refusal.VALIDATION_FAILED, message);
    }
}
