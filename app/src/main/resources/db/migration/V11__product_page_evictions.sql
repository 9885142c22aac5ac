-- Outbox of product page cache evictions: written by the products projection in the transaction that changes
-- product_view, removed once Redis and the in-process cache have dropped the page. Rows left behind (Redis was
-- down) are retried, so no change is ever left hidden behind a stale cached page.
CREATE TABLE product_page_eviction (
    product_id   varchar(64) PRIMARY KEY,
    requested_at timestamp(6) with time zone NOT NULL
);
