-- The ledger is keyed by (sale, buyer, purchase), its only index. The FlashSale aggregate asks it for the purchases of
-- a batch's buyers (JdbcFlashSaleLedger.purchasesOf), which answers both of its questions (is this purchase a retry,
-- how many units does the buyer hold) in one read.
-- Keyed by purchase alone, the lookups of a spike's batches fell on random leaves of an index over every sale's
-- purchases (their ids are name-based UUIDs): on a server whose buffers do not hold that index, the writer's read
-- fetched pages and evicted dirty ones, 20-55 ms a batch under load against 0.2 ms cached. Keyed by sale first, one
-- sale's entries are neighbours. And with a single index there is no choice to get wrong: with two indexes leading
-- with the sale and no statistics (a server with autovacuum off), the planner took the one that did not lead with the
-- buyer and read the sale's every row for each buyer. Purchase ids are derived from their sale and buyer, so they stay
-- unique as before.
ALTER TABLE flash_sale_purchase DROP CONSTRAINT flash_sale_purchase_pkey;
DROP INDEX flash_sale_purchase_holder_idx;
ALTER TABLE flash_sale_purchase
    ADD CONSTRAINT flash_sale_purchase_pkey PRIMARY KEY (flash_sale_id, user_id, purchase_id);
