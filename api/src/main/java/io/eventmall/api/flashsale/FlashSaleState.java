package io.eventmall.api.flashsale;

import java.time.Instant;

public enum FlashSaleState {
    UPCOMING, ONGOING, ENDED;

    public static FlashSaleState at(Instant now, Instant startsAt, Instant endsAt) {
        if (now.isBefore(startsAt)) {
            return UPCOMING;
        }
        return now.isBefore(endsAt) ? ONGOING : ENDED;
    }
}
