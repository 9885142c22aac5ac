-- Browsing read models (query side). Lists are read newest first by keyset (created_at DESC, id DESC).

-- "My orders" by status.
CREATE INDEX order_view_customer_status_idx ON order_view (customer_id, status, created_at DESC, order_id DESC);

-- Catalog pages: listed products of a category / of a shop / all, newest first; rating from reviews.
ALTER TABLE product_view ADD COLUMN rating_sum   bigint  NOT NULL DEFAULT 0;
ALTER TABLE product_view ADD COLUMN review_count integer NOT NULL DEFAULT 0;
CREATE INDEX product_view_category_idx ON product_view (category_id, created_at DESC, product_id DESC) WHERE listed;
CREATE INDEX product_view_merchant_idx ON product_view (merchant_id, created_at DESC, product_id DESC) WHERE listed;
CREATE INDEX product_view_newest_idx ON product_view (created_at DESC, product_id DESC) WHERE listed;

-- Reviews, one per paid order line (the Order aggregate enforces it; the primary key repeats it).
CREATE TABLE review_view (
    review_id   varchar(64)   PRIMARY KEY,
    product_id  varchar(64)   NOT NULL,
    order_id    varchar(64)   NOT NULL,
    customer_id varchar(64)   NOT NULL,
    rating      integer       NOT NULL,
    content     varchar(4000) NOT NULL,
    written_at  timestamp(6) with time zone NOT NULL,
    CONSTRAINT review_view_order_line_key UNIQUE (order_id, product_id)
);
CREATE INDEX review_view_product_idx ON review_view (product_id, written_at DESC, review_id DESC);

-- Flash sales by state (upcoming / ongoing / ended are windows of starts_at, ends_at).
CREATE INDEX flash_sale_view_window_idx ON flash_sale_view (starts_at, ends_at);
