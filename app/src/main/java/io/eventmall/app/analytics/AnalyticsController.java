package io.eventmall.app.analytics;

import io.eventmall.api.Refusal;
import io.eventmall.api.analytics.FindFlashSaleFunnel;
import io.eventmall.api.analytics.FindSalesFigures;
import io.eventmall.api.analytics.FlashSaleFunnelView;
import io.eventmall.api.analytics.SalesFigures;
import io.eventmall.api.analytics.SalesGrouping;
import io.eventmall.api.analytics.SalesInterval;
import io.eventmall.api.flashsale.FindFlashSale;
import io.eventmall.api.flashsale.FlashSaleView;
import io.eventmall.app.web.ApiProblem;
import io.eventmall.app.web.Reads;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** Analytics for ANALYST and ADMIN (SecurityConfig): sales figures and flash-sale funnels. docs/analytics.md. */
@RestController
@RequestMapping("/api/v1/analytics")
public class AnalyticsController {

    /** Time buckets one answer may span at most (about 13 months of hours). */
    static final long MAX_TIME_BUCKETS = 10_000;

    private final Reads reads;
    private final FunnelStreams streams;

    AnalyticsController(Reads reads, FunnelStreams streams) {
        this.reads = reads;
        this.streams = streams;
    }

    @GetMapping("/sales")
    SalesFigures sales(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
                       @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to,
                       @RequestParam(required = false) String interval,
                       @RequestParam(required = false) String groupBy) {
        SalesInterval width = parse(SalesInterval.class, "interval", interval);
        SalesGrouping grouping = parse(SalesGrouping.class, "groupBy", groupBy);
        if (from != null && to != null && !from.isBefore(to)) {
            throw ApiProblem.of(Refusal.VALIDATION_FAILED, "from must be before to");
        }
        if (width != null) {
            if (from == null || to == null) {
                throw ApiProblem.of(Refusal.VALIDATION_FAILED, "an interval needs both from and to");
            }
            Duration bucket = width == SalesInterval.HOUR ? Duration.ofHours(1) : Duration.ofDays(1);
            if (Duration.between(from, to).dividedBy(bucket) > MAX_TIME_BUCKETS) {
                throw ApiProblem.of(Refusal.VALIDATION_FAILED, "at most " + MAX_TIME_BUCKETS + " " + interval
                        + "s between from and to");
            }
        }
        return reads.one(new FindSalesFigures(from, to, width, grouping), SalesFigures.class);
    }

    @GetMapping("/flash-sales/{flashSaleId}")
    FlashSaleFunnelView funnel(@PathVariable String flashSaleId) {
        reads.require(new FindFlashSale(flashSaleId), FlashSaleView.class, "flash sale", flashSaleId);
        return reads.one(new FindFlashSaleFunnel(flashSaleId), FlashSaleFunnelView.class);
    }

    /** The funnel and the sale's remaining units, pushed every second until the sale has ended. */
    @GetMapping(path = "/flash-sales/{flashSaleId}/live", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter live(@PathVariable String flashSaleId) {
        reads.require(new FindFlashSale(flashSaleId), FlashSaleView.class, "flash sale", flashSaleId);
        return streams.open(flashSaleId);
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            throw ApiProblem.of(Refusal.VALIDATION_FAILED, name + " must be one of " + Arrays.stream(type.getEnumConstants())
                    .map(constant -> constant.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", ")));
        }
    }
}
