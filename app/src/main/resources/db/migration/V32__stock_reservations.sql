-- The Inventory aggregate's set-based ledger (JdbcInventoryLedger): one row per order's reservation of a product,
-- written in the same transaction as the StockReserved / Released / Committed / Returned events.
CREATE TABLE stock_reservation (
    product_id varchar(255) NOT NULL,
    order_id   varchar(255) NOT NULL,
    quantity   integer      NOT NULL,
    stage      varchar(16)  NOT NULL,
    CONSTRAINT stock_reservation_pkey PRIMARY KEY (product_id, order_id)
);
