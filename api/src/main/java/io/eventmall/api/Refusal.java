package io.eventmall.api;

/**
 * The stable, machine-readable reasons a command is refused. They travel as the {@code code} of the
 * problem+json answer, so clients may switch on them: never rename one.
 */
public enum Refusal {
    VALIDATION_FAILED(400),
    NOT_FOUND(404),
    FORBIDDEN(403),
    INVALID_STATE(409),
    USERNAME_TAKEN(409),
    SOLD_OUT(409),
    LIMIT_REACHED(409),
    NOT_STARTED(409),
    ENDED(409),
    INSUFFICIENT_STOCK(409),
    NOT_LISTED(409),
    DUPLICATE_REQUEST(409),
    COUPON_NOT_APPLICABLE(409);

    private final int httpStatus;

    Refusal(int httpStatus) {
        this.httpStatus = httpStatus;
    }

    public int httpStatus() {
        return httpStatus;
    }
}
