-- product-search: each review's rating, so a product's average is recomputed, never counted twice.
CREATE TABLE product_search_review (
    review_id  varchar(128) NOT NULL PRIMARY KEY,
    product_id varchar(64)  NOT NULL,
    rating     integer      NOT NULL
);
CREATE INDEX product_search_review_product_idx ON product_search_review (product_id);
