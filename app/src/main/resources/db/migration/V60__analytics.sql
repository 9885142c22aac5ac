-- sales-analytics (sales index v2): each line keeps its flash sale and what was paid for it (the order's paid
-- amount shared over its lines), so that a refund subtracts exactly what the payment added.
ALTER TABLE sales_order_line ADD COLUMN flash_sale_id varchar(64);
ALTER TABLE sales_order_line ADD COLUMN paid_amount bigint;

-- flash-sale-funnel: the orders of each flash sale and how they ended (GET /analytics/flash-sales/{id}).
CREATE TABLE flash_sale_funnel_order (
    order_id      varchar(64) NOT NULL PRIMARY KEY,
    flash_sale_id varchar(64) NOT NULL,
    paid          boolean     NOT NULL DEFAULT false,
    expired       boolean     NOT NULL DEFAULT false
);
CREATE INDEX flash_sale_funnel_order_sale_idx ON flash_sale_funnel_order (flash_sale_id);
