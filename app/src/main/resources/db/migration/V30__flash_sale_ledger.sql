-- The FlashSale aggregate's set-based ledger (JdbcFlashSaleLedger): one row per purchase, written in the same
-- transaction as the FlashSaleUnitsPurchased / FlashSaleUnitsReturned events. Purchase ids embed the sale's id, so
-- they are unique across sales.
CREATE TABLE flash_sale_purchase (
    purchase_id   varchar(255) NOT NULL,
    flash_sale_id varchar(255) NOT NULL,
    user_id       varchar(255) NOT NULL,
    quantity      integer      NOT NULL,
    returned      boolean      NOT NULL,
    CONSTRAINT flash_sale_purchase_pkey PRIMARY KEY (purchase_id)
);
-- Units a buyer holds in a sale (the per-user limit).
CREATE INDEX flash_sale_purchase_holder_idx ON flash_sale_purchase (flash_sale_id, user_id);
