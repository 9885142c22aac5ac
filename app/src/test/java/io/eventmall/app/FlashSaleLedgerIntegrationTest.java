package io.eventmall.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventmall.api.Refusal;
import io.eventmall.api.flashsale.FlashSalePurchaseDecision;
import io.eventmall.api.flashsale.PurchaseFlashSaleUnits;
import io.eventmall.api.flashsale.PurchaseFlashSaleUnitsInBatch;
import io.eventmall.api.flashsale.ReturnFlashSaleUnits;
import io.eventmall.api.flashsale.ScheduleFlashSale;
import io.eventmall.command.flashsale.FlashSaleLedger;
import io.eventmall.command.flashsale.FlashSaleLedger.Purchase;
import io.eventmall.command.flashsale.JdbcFlashSaleLedger;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The FlashSale aggregate over its ledger in PostgreSQL ({@code flash_sale_purchase}): what a buyer made, retried and
 * got back, as the aggregate and the gate's reconciler read it, and the one read a batch costs, planned as a lookup
 * per buyer on the table's key even where the planner has no statistics.
 */
@IntegrationTest
class FlashSaleLedgerIntegrationTest {

    @Autowired
    CommandGateway commands;
    @Autowired
    FlashSaleLedger ledger;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TestApi api;

    @Test
    void aBuyersPurchasesRetriesAndReturnsAreReadBackPerBuyer() {
        String sale = UUID.randomUUID().toString();
        Instant now = Instant.now();
        commands.sendAndWait(new ScheduleFlashSale(sale, api.newProduct(api.adminToken(), 1_000, 0), 500, 10, 3,
                now.minusSeconds(5), now.plusSeconds(3600), false, 0));

        assertThat(decide(sale, purchase(sale, "p1", "alice", 1), purchase(sale, "p2", "alice", 1),
                purchase(sale, "p3", "bob", 1))).containsExactly("p1 accepted", "p2 accepted", "p3 accepted");
        assertThat(ledger.purchasesOf(sale, List.of("alice", "bob", "carol"))).isEqualTo(Map.of(
                "alice", List.of(new Purchase("p1", 1, false), new Purchase("p2", 1, false)),
                "bob", List.of(new Purchase("p3", 1, false))));

        // p1 again is a retry (accepted, no second row); 2 more units would take alice past her limit of 3.
        assertThat(decide(sale, purchase(sale, "p1", "alice", 1), purchase(sale, "p4", "alice", 2)))
                .containsExactly("p1 accepted", "p4 " + Refusal.LIMIT_REACHED);
        commands.sendAndWait(new ReturnFlashSaleUnits(sale, "p2", "alice"));
        commands.sendAndWait(new ReturnFlashSaleUnits(sale, "p2", "alice"));
        assertThat(decide(sale, purchase(sale, "p4", "alice", 2))).containsExactly("p4 accepted");

        assertThat(ledger.purchasesOf(sale, List.of("alice")).get("alice")).containsExactlyInAnyOrder(
                new Purchase("p1", 1, false), new Purchase("p2", 1, true), new Purchase("p4", 2, false));
        assertThat(ledger.purchasesOf("another-sale", List.of("alice"))).isEmpty();
        assertThat(ledger.purchasesOf(sale, List.of())).isEmpty();
    }

    /**
     * The plan PostgreSQL caches for the prepared read: one index probe per buyer on (sale, buyer). On a server without
     * statistics, a join flattened out of the subquery scanned the whole sale once per batch instead, and a second
     * index leading with the sale was taken for the lookup by buyer (docs/benchmarks.md, 2026-12-04).
     */
    @Test
    void theReadIsPlannedAsOneLookupPerBuyerOnTheKey() {
        List<String> plan = jdbc.execute((ConnectionCallback<List<String>>) connection -> {
            List<String> lines = new ArrayList<>();
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET plan_cache_mode = force_generic_plan");
                statement.execute("PREPARE purchases_of_buyers(varchar[], varchar) AS "
                        + JdbcFlashSaleLedger.PURCHASES_OF_BUYERS.replaceFirst("\\?", "\\$1").replaceFirst("\\?", "\\$2"));
                try (var rows = statement.executeQuery("EXPLAIN EXECUTE purchases_of_buyers('{alice,bob}', 'sale')")) {
                    while (rows.next()) {
                        lines.add(rows.getString(1).trim());
                    }
                }
                statement.execute("DEALLOCATE purchases_of_buyers");
                statement.execute("RESET plan_cache_mode");
            }
            return lines;
        });
        assertThat(String.join("\n", plan)).contains("Nested Loop", "Function Scan on unnest",
                "Index Scan using flash_sale_purchase_pkey",
                "Index Cond: (((flash_sale_id)::text = ($2)::text) AND ((user_id)::text = (asked.user_id)::text))");
    }

    private static PurchaseFlashSaleUnits purchase(String sale, String purchaseId, String buyer, int quantity) {
        return new PurchaseFlashSaleUnits(sale, purchaseId, buyer, quantity, "order-of-" + sale + "-" + purchaseId);
    }

    private List<String> decide(String sale, PurchaseFlashSaleUnits... purchases) {
        List<FlashSalePurchaseDecision> decisions =
                commands.sendAndWait(new PurchaseFlashSaleUnitsInBatch(sale, List.of(purchases)));
        return decisions.stream().map(decision -> decision.purchaseId() + " "
                + (decision.isAccepted() ? "accepted" : decision.refusal())).toList();
    }
}
