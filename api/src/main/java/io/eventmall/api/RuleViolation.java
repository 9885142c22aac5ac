package io.eventmall.api;

/** Thrown by a command handler that refuses a command; carries the stable {@link Refusal} code. */
public class RuleViolation extends RuntimeException {

    private final Refusal refusal;

    public RuleViolation(Refusal refusal, String message) {
        super(message);
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
