package io.eventmall.app.analytics;

import io.eventmall.api.analytics.FindFlashSaleFunnel;
import io.eventmall.api.analytics.FlashSaleFunnelView;
import io.eventmall.api.flashsale.FlashSaleState;
import io.eventmall.api.flashsale.FlashSaleView;
import io.eventmall.app.flashsale.LiveFlashSales;
import io.eventmall.app.web.Reads;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The live funnels (GET /analytics/flash-sales/{id}/live): every {@code mall.analytics.live-interval} (default
 * one second) each open stream gets a {@code funnel} event with the sale's funnel, its remaining units and
 * state; once the sale has ended the last figures are sent and the stream completes. Streams are polled (one
 * Redis read and one SQL count per stream and tick), so they work on whichever node the client reached.
 */
@Component
class FunnelStreams {

    private static final Logger log = LoggerFactory.getLogger(FunnelStreams.class);
    private static final Duration STREAM_LIMIT = Duration.ofHours(2);

    private final Reads reads;
    private final LiveFlashSales sales;
    private final Clock clock;
    private final Duration interval;
    private final Set<SseEmitter> open = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "funnel-streams");
        thread.setDaemon(true);
        return thread;
    });

    FunnelStreams(Reads reads, LiveFlashSales sales, Clock clock,
                  @Value("${mall.analytics.live-interval:PT1S}") Duration interval) {
        this.reads = reads;
        this.sales = sales;
        this.clock = clock;
        this.interval = interval;
    }

    SseEmitter open(String flashSaleId) {
        SseEmitter emitter = new SseEmitter(STREAM_LIMIT.toMillis());
        open.add(emitter);
        ScheduledFuture<?> ticks = ticker.scheduleAtFixedRate(() -> push(flashSaleId, emitter), 0,
                interval.toMillis(), TimeUnit.MILLISECONDS);
        Runnable release = () -> {
            ticks.cancel(false);
            open.remove(emitter);
        };
        emitter.onCompletion(release);
        emitter.onTimeout(release);
        emitter.onError(failure -> release.run());
        return emitter;
    }

    @EventListener(ContextClosedEvent.class)
    void endStreams() {
        open.forEach(SseEmitter::complete);
        ticker.shutdownNow();
    }

    private void push(String flashSaleId, SseEmitter emitter) {
        try {
            Optional<FlashSaleView> sale = sales.find(flashSaleId);
            FlashSaleFunnelView funnel = reads.one(new FindFlashSaleFunnel(flashSaleId), FlashSaleFunnelView.class);
            emitter.send(SseEmitter.event().name("funnel").data(Map.of("at", clock.instant().toString(),
                    "funnel", funnel, "remaining", sale.map(FlashSaleView::remaining).orElse(0),
                    "state", sale.map(FlashSaleView::state).map(Enum::name).orElse("UNKNOWN"))));
            if (sale.isEmpty() || sale.get().state() == FlashSaleState.ENDED) {
                emitter.complete();
            }
        } catch (IOException | IllegalStateException gone) {
            emitter.completeWithError(gone);
        } catch (RuntimeException readFailed) {
            // A store briefly away: the next tick tries again; the client sees a gap, not an end.
            log.debug("flash sale {}: live funnel not read this tick: {}", flashSaleId, readFailed.toString());
        }
    }
}
