package io.eventmall.command.inventory;

/** The life of a reservation: each stage names the one it is reached from, which is the whole transition table. */
public enum ReservationStage {
    RESERVED(null),
    RELEASED(RESERVED),
    COMMITTED(RESERVED),
    RETURNED(COMMITTED);

    private final ReservationStage reachedFrom;

    ReservationStage(ReservationStage reachedFrom) {
        this.reachedFrom = reachedFrom;
    }

    ReservationStage reachedFrom() {
        return reachedFrom;
    }

    boolean hasPassed(ReservationStage stage) {
        for (ReservationStage passed = this; passed != null; passed = passed.reachedFrom) {
            if (passed == stage) {
                return true;
            }
        }
        return false;
    }
}
