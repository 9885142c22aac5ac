package io.eventmall.command.flashsale;

import io.eventmall.api.flashsale.FlashSaleUnitsPurchased;
import io.eventmall.api.flashsale.FlashSaleUnitsReturned;
import java.sql.Array;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * {@link FlashSaleLedger} in the {@code flash_sale_purchase} table. Its rows are written by a subscribing handler, so
 * inside the very transaction that appends the purchase and return events: the ledger and the event stream commit or
 * roll back together. The rows of one unit of work (a whole batch of purchases) go to PostgreSQL as one JDBC batch
 * just before it commits, not as one round trip per purchase.
 */
@Component
@ProcessingGroup(JdbcFlashSaleLedger.PROCESSING_GROUP)
public class JdbcFlashSaleLedger implements FlashSaleLedger {

    public static final String PROCESSING_GROUP = "flash-sale-ledger";
    private static final String PENDING_ROWS = JdbcFlashSaleLedger.class.getName() + ".pending";

    private final JdbcTemplate jdbc;

    JdbcFlashSaleLedger(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /*
     * One read per batch, each buyer looked up on its own index entry (a LATERAL subquery per id), so a batch costs
     * the same however many purchases the sale already holds. The plain form, "user_id = ANY (?)" beside the sale's
     * id, let PostgreSQL's generic plan for the prepared statement walk every row of the sale and compare it with
     * every id of the batch: 230 ms for a batch of 480 in a sale of 25,000, against 2-3 ms this way. The table has one
     * index, its key (sale, buyer, purchase) (V83): a planner without statistics (autovacuum off) chose between two
     * indexes leading with the sale the one that did not lead with the buyer, and scanned the sale's every row for each
     * buyer (20-100 ms a batch), and keyed by purchase alone every lookup fell on a random page of an index over every
     * sale, read in and evicted again under load. OFFSET 0 keeps the subquery a subquery: flattened into a join, the
     * same planner scanned the sale's rows once and compared each with every buyer of the batch.
     */

    /** The read, with the buyers' ids ({@code varchar[]}) and the sale's id as parameters; public for plan tests. */
    public static final String PURCHASES_OF_BUYERS = "SELECT asked.user_id, p.purchase_id, p.quantity, p.returned"
            + " FROM unnest(?) AS asked(user_id) CROSS JOIN LATERAL (SELECT p.purchase_id, p.quantity, p.returned"
            + " FROM flash_sale_purchase p WHERE p.flash_sale_id = ? AND p.user_id = asked.user_id OFFSET 0) p";

    @Override
    public Map<String, List<Purchase>> purchasesOf(String flashSaleId, Collection<String> userIds) {
        Map<String, List<Purchase>> byBuyer = new HashMap<>();
        if (userIds.isEmpty()) {
            return byBuyer;
        }
        jdbc.query(PURCHASES_OF_BUYERS,
                statement -> {
                    Array array = statement.getConnection().createArrayOf("varchar", userIds.toArray());
                    statement.setArray(1, array);
                    statement.setString(2, flashSaleId);
                },
                row -> {
                    byBuyer.computeIfAbsent(row.getString(1), buyer -> new ArrayList<>())
                            .add(new Purchase(row.getString(2), row.getInt(3), row.getBoolean(4)));
                });
        return byBuyer;
    }

    @EventHandler
    void on(FlashSaleUnitsPurchased purchase, UnitOfWork<?> unitOfWork) {
        pendingRows(unitOfWork).purchases.add(purchase);
    }

    @EventHandler
    void on(FlashSaleUnitsReturned returned, UnitOfWork<?> unitOfWork) {
        pendingRows(unitOfWork).returns.add(returned);
    }

    /** Rows collected during the unit of work that handles the published events, written when it prepares to commit. */
    private PendingRows pendingRows(UnitOfWork<?> unitOfWork) {
        return unitOfWork.getOrComputeResource(PENDING_ROWS, key -> {
            PendingRows rows = new PendingRows();
            unitOfWork.onPrepareCommit(committing -> write(rows));
            return rows;
        });
    }

    private void write(PendingRows rows) {
        if (!rows.purchases.isEmpty()) {
            jdbc.batchUpdate("INSERT INTO flash_sale_purchase (purchase_id, flash_sale_id, user_id, quantity, returned)"
                    + " VALUES (?, ?, ?, ?, false)", rows.purchases.stream()
                    .map(p -> new Object[] {p.purchaseId(), p.flashSaleId(), p.userId(), p.quantity()}).toList());
        }
        if (!rows.returns.isEmpty()) {
            jdbc.batchUpdate("UPDATE flash_sale_purchase SET returned = true"
                    + " WHERE flash_sale_id = ? AND user_id = ? AND purchase_id = ?", rows.returns.stream()
                    .map(r -> new Object[] {r.flashSaleId(), r.userId(), r.purchaseId()}).toList());
        }
    }

    private static final class PendingRows {
        private final List<FlashSaleUnitsPurchased> purchases = new ArrayList<>();
        private final List<FlashSaleUnitsReturned> returns = new ArrayList<>();
    }
}
