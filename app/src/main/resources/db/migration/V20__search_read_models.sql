-- Private state of the Elasticsearch projections (product-search, sales-analytics). Kept in PostgreSQL so it
-- commits with the processor's token: a retried event recomputes the same documents, never counts twice.

-- product-search: category names for the product documents, order lines for paid units sold.
CREATE TABLE product_search_category (
    category_id varchar(64)  NOT NULL PRIMARY KEY,
    name        varchar(255) NOT NULL
);

CREATE TABLE product_search_order_line (
    order_id   varchar(64) NOT NULL,
    line_no    integer     NOT NULL,
    product_id varchar(64) NOT NULL,
    units      integer     NOT NULL,
    paid       boolean     NOT NULL DEFAULT false,
    PRIMARY KEY (order_id, line_no)
);
CREATE INDEX product_search_order_line_product_idx ON product_search_order_line (product_id) WHERE paid;

-- sales-analytics: where each product belongs, and each order's lines until they are paid.
CREATE TABLE sales_product (
    product_id  varchar(64) NOT NULL PRIMARY KEY,
    category_id varchar(64) NOT NULL,
    merchant_id varchar(64) NOT NULL
);

CREATE TABLE sales_order_line (
    order_id    varchar(64) NOT NULL,
    line_no     integer     NOT NULL,
    customer_id varchar(64) NOT NULL,
    product_id  varchar(64) NOT NULL,
    units       integer     NOT NULL,
    amount      bigint      NOT NULL,
    flash_sale  boolean     NOT NULL,
    PRIMARY KEY (order_id, line_no)
);
