package io.eventmall.app.flashsale;

import io.eventmall.api.flashsale.FindFlashSale;
import io.eventmall.api.flashsale.FindFlashSales;
import io.eventmall.api.flashsale.FlashSaleState;
import io.eventmall.api.flashsale.FlashSaleView;
import io.eventmall.app.projections.ProjectionAdministration;
import io.eventmall.app.web.ApiProblem;
import io.eventmall.app.web.Reads;
import io.eventmall.query.gate.FlashSaleGate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * Flash sales as buyers see them: the terms from the flash-sale read model, the units left from the Redis gate.
 * During a spike the read model follows the purchases seconds behind (it showed thousands of units for seconds after
 * the sell-out), while the gate counts every admission as it happens and gives back within milliseconds what the sale
 * refused. The read model's figure is shown where the gate cannot be trusted: a sale it does not hold, Redis
 * unreachable or rebuilt after losing its data, or the gate's own rebuild under way on this node.
 */
@Service
public class LiveFlashSales {

    private final Reads reads;
    private final FlashSaleGate gate;
    private final ProjectionAdministration projections;

    LiveFlashSales(Reads reads, FlashSaleGate gate, ProjectionAdministration projections) {
        this.reads = reads;
        this.gate = gate;
        this.projections = projections;
    }

    public Optional<FlashSaleView> find(String flashSaleId) {
        return reads.find(new FindFlashSale(flashSaleId), FlashSaleView.class)
                .map(sale -> withGateRemaining(List.of(sale)).get(0));
    }

    /** The sale, or a 404 problem. */
    public FlashSaleView require(String flashSaleId) {
        return find(flashSaleId).orElseThrow(() -> ApiProblem.notFound("flash sale", flashSaleId));
    }

    public List<FlashSaleView> list(FlashSaleState state, int limit) {
        return withGateRemaining(reads.list(new FindFlashSales(state, limit), FlashSaleView.class));
    }

    private List<FlashSaleView> withGateRemaining(List<FlashSaleView> sales) {
        if (sales.isEmpty() || projections.isRebuilding(FlashSaleGate.NAME)) {
            return sales;
        }
        Map<String, Integer> live = gate.remaining(sales.stream().map(FlashSaleView::flashSaleId).toList());
        return sales.stream().map(sale -> {
            Integer remaining = live.get(sale.flashSaleId());
            return remaining == null ? sale : sale.withRemaining(Math.max(0, Math.min(sale.quantity(), remaining)));
        }).toList();
    }
}
