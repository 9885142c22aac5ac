package io.eventmall.api.banner;

import java.time.Instant;

public record BannerCreated(String bannerId, String imageUrl, String link, int position, Instant activeFrom, Instant activeTo) {
}
