package io.eventmall.command.banner;

import io.eventmall.api.Refusal;
import io.eventmall.api.banner.BannerCreated;
import io.eventmall.api.banner.CreateBanner;
import io.eventmall.command.Refused;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.hamcrest.Matchers.containsString;

class BannerTest {

    private static final Instant FROM = Instant.parse("2026-06-01T00:00:00Z");
    private static final Instant TO = Instant.parse("2026-06-18T00:00:00Z");

    private final AggregateTestFixture<Banner> fixture = new AggregateTestFixture<>(Banner.class);

    @Test
    void createsABannerWithAnActiveWindow() {
        fixture.givenNoPriorActivity()
                .when(new CreateBanner("banner-1", "https://cdn/img.png", "/flash-sales/1", 1, FROM, TO))
                .expectEvents(new BannerCreated("banner-1", "https://cdn/img.png", "/flash-sales/1", 1, FROM, TO));
    }

    @Test
    void theActiveWindowIsOptionalOnEitherSide() {
        fixture.givenNoPriorActivity()
                .when(new CreateBanner("banner-1", "https://cdn/img.png", "/home", 0, null, TO))
                .expectEvents(new BannerCreated("banner-1", "https://cdn/img.png", "/home", 0, null, TO));
    }

    @Test
    void refusesAWindowThatEndsBeforeItStarts() {
        fixture.givenNoPriorActivity()
                .when(new CreateBanner("banner-1", "https://cdn/img.png", "/home", 0, TO, FROM))
                .expectNoEvents()
                .expectException(Refused.because(Refusal.VALIDATION_FAILED))
                .expectExceptionMessage(containsString("activeTo"));
    }

    @Test
    void refusesAnEmptyWindow() {
        fixture.givenNoPriorActivity()
                .when(new CreateBanner("banner-1", "https://cdn/img.png", "/home", 0, FROM, FROM))
                .expectException(Refused.because(Refusal.VALIDATION_FAILED));
    }

    @Test
    void refusesABannerWithoutImage() {
        fixture.givenNoPriorActivity()
                .when(new CreateBanner("banner-1", null, "/home", 0, null, null))
                .expectException(Refused.because(Refusal.VALIDATION_FAILED))
                .expectExceptionMessage(containsString("imageUrl"));
    }

    @Test
    void refusesABannerWithoutLink() {
        fixture.givenNoPriorActivity()
                .when(new CreateBanner("banner-1", "https://cdn/img.png", " ", 0, null, null))
                .expectException(Refused.because(Refusal.VALIDATION_FAILED))
                .expectExceptionMessage(containsString("link"));
    }
}
