-- The Coupon aggregate's set-based ledger (JdbcCouponLedger): one row per claim, written in the same transaction as
-- CouponClaimed; order_id is the order holding the claim, set with OrderPlaced and cleared when that order is
-- cancelled, expires or is rejected, in those events' transactions. Claim ids embed the coupon's id.
CREATE TABLE coupon_claim (
    claim_id  varchar(255) PRIMARY KEY,
    coupon_id varchar(255) NOT NULL,
    user_id   varchar(255) NOT NULL,
    order_id  varchar(255)
);
-- Claims a user holds of a coupon (the per-user limit), and the claim an order holds (its give-back).
CREATE INDEX coupon_claim_holder_idx ON coupon_claim (coupon_id, user_id);
CREATE INDEX coupon_claim_order_idx ON coupon_claim (order_id);

-- Read model of the coupons projection.
CREATE TABLE coupon_view (
    coupon_id        varchar(255) PRIMARY KEY,
    name             varchar(255) NOT NULL,
    discount_amount  bigint       NOT NULL,
    min_order_amount bigint       NOT NULL,
    quantity         integer      NOT NULL,
    remaining        integer      NOT NULL,
    per_user_limit   integer      NOT NULL,
    valid_from       timestamp(6) with time zone NOT NULL,
    valid_to         timestamp(6) with time zone NOT NULL,
    merchant_id      varchar(255)
);
CREATE TABLE coupon_claim_view (
    claim_id   varchar(255) PRIMARY KEY,
    coupon_id  varchar(255) NOT NULL,
    user_id    varchar(255) NOT NULL,
    order_id   varchar(255),
    claimed_at timestamp(6) with time zone NOT NULL
);
CREATE INDEX coupon_claim_view_user_idx ON coupon_claim_view (user_id, claimed_at DESC, claim_id DESC);
CREATE INDEX coupon_claim_view_order_idx ON coupon_claim_view (order_id);

-- The order's discount, shown by GET /orders/{id}; 0 for orders placed before coupons.
ALTER TABLE order_view ADD COLUMN discount_amount bigint NOT NULL DEFAULT 0;
ALTER TABLE order_view ADD COLUMN coupon_claim_id varchar(255);
