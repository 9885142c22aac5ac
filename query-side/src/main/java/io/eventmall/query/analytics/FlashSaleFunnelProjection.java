package io.eventmall.query.analytics;

import io.eventmall.api.analytics.FindFlashSaleFunnel;
import io.eventmall.api.analytics.FlashSaleFunnelView;
import io.eventmall.api.order.OrderExpired;
import io.eventmall.api.order.OrderPaid;
import io.eventmall.api.order.OrderPlaced;
import java.util.Map;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The end of a flash sale's funnel, from the order events: which of the sale's orders were paid and which
 * expired unpaid ({@code flash_sale_funnel_order}, committed with the processor's token). The answers to the
 * purchase requests come from {@link FlashSaleFunnel}; the query joins both.
 */
@Component
@ProcessingGroup(FlashSaleFunnelProjection.NAME)
class FlashSaleFunnelProjection {

    static final String NAME = "flash-sale-funnel";

    private final JdbcTemplate jdbc;
    private final FlashSaleFunnel answers;

    FlashSaleFunnelProjection(JdbcTemplate jdbc, FlashSaleFunnel answers) {
        this.jdbc = jdbc;
        this.answers = answers;
    }

    @EventHandler
    void on(OrderPlaced event) {
        if (event.flashSaleId() != null) {
            jdbc.update("INSERT INTO flash_sale_funnel_order (order_id, flash_sale_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
                    event.orderId(), event.flashSaleId());
        }
    }

    @EventHandler
    void on(OrderPaid event) {
        jdbc.update("UPDATE flash_sale_funnel_order SET paid = true WHERE order_id = ?", event.orderId());
    }

    @EventHandler
    void on(OrderExpired event) {
        jdbc.update("UPDATE flash_sale_funnel_order SET expired = true WHERE order_id = ?", event.orderId());
    }

    @ResetHandler
    void reset() {
        jdbc.update("TRUNCATE flash_sale_funnel_order");
    }

    @QueryHandler
    FlashSaleFunnelView handle(FindFlashSaleFunnel query) {
        Map<FlashSaleFunnel.Outcome, Long> counts = answers.counts(query.flashSaleId());
        Map<String, Object> orders = jdbc.queryForMap("""
                SELECT count(*) FILTER (WHERE paid) AS paid, count(*) FILTER (WHERE expired) AS expired
                FROM flash_sale_funnel_order WHERE flash_sale_id = ?""", query.flashSaleId());
        long attempts = counts.values().stream().mapToLong(Long::longValue).sum();
        return new FlashSaleFunnelView(query.flashSaleId(), attempts, counts.get(FlashSaleFunnel.Outcome.ADMITTED),
                counts.get(FlashSaleFunnel.Outcome.SOLD_OUT), counts.get(FlashSaleFunnel.Outcome.LIMIT_REACHED),
                counts.get(FlashSaleFunnel.Outcome.RATE_LIMITED), ((Number) orders.get("paid")).longValue(),
                ((Number) orders.get("expired")).longValue());
    }
}
