package io.eventmall.api.banner;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import java.time.Instant;

public record CreateBanner(@TargetAggregateIdentifier String bannerId, String imageUrl, String link, int position, Instant activeFrom, Instant activeTo) {
}
