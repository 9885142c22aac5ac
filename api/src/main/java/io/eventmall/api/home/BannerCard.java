package io.eventmall.api.home;

import java.time.Instant;

public record BannerCard(String bannerId, String imageUrl, String link, int position, Instant activeFrom,
                         Instant activeTo) {

    /** A missing bound leaves that side of the window open. */
    public boolean activeAt(Instant now) {
        return (activeFrom == null || !now.isBefore(activeFrom)) && (activeTo == null || now.isBefore(activeTo));
    }
}
