-- PostgreSQL read models. Each is owned by one projection (query-side) and can be dropped and rebuilt
-- from the event store by replaying that projection's processor.

CREATE TABLE user_account (
    user_id       varchar(64)  PRIMARY KEY,
    username      varchar(64)  NOT NULL UNIQUE,
    password_hash varchar(255) NOT NULL,
    mobile        varchar(32),
    roles         varchar(255) NOT NULL
);

CREATE TABLE order_view (
    order_id         varchar(64)  PRIMARY KEY,
    customer_id      varchar(64)  NOT NULL,
    status           varchar(32)  NOT NULL,
    items            jsonb        NOT NULL,
    total_amount     bigint       NOT NULL,
    created_at       timestamp(6) with time zone NOT NULL,
    payment_deadline timestamp(6) with time zone,
    paid_at          timestamp(6) with time zone,
    flash_sale_id    varchar(64),
    history          jsonb        NOT NULL
);
CREATE INDEX order_view_customer_idx ON order_view (customer_id, created_at DESC, order_id DESC);

CREATE TABLE flash_sale_view (
    flash_sale_id  varchar(64) PRIMARY KEY,
    product_id     varchar(64) NOT NULL,
    price          bigint      NOT NULL,
    quantity       integer     NOT NULL,
    remaining      integer     NOT NULL,
    per_user_limit integer     NOT NULL,
    starts_at      timestamp(6) with time zone NOT NULL,
    ends_at        timestamp(6) with time zone NOT NULL
);

CREATE TABLE flash_sale_purchase_view (
    purchase_id   varchar(64) PRIMARY KEY,
    flash_sale_id varchar(64) NOT NULL,
    user_id       varchar(64) NOT NULL,
    quantity      integer     NOT NULL,
    status        varchar(16) NOT NULL,
    order_id      varchar(64),
    reason        varchar(255)
);

CREATE TABLE product_view (
    product_id  varchar(64)  PRIMARY KEY,
    merchant_id varchar(64)  NOT NULL,
    category_id varchar(64)  NOT NULL,
    name        varchar(255) NOT NULL,
    subtitle    varchar(255),
    description text,
    images      jsonb        NOT NULL,
    price       bigint       NOT NULL,
    listed      boolean      NOT NULL,
    available   integer      NOT NULL,
    created_at  timestamp(6) with time zone NOT NULL
);

CREATE TABLE merchant_view (
    merchant_id   varchar(64)  PRIMARY KEY,
    name          varchar(255) NOT NULL,
    description   text,
    owner_user_id varchar(64)
);

CREATE TABLE category_view (
    category_id varchar(64)  PRIMARY KEY,
    name        varchar(255) NOT NULL,
    parent_id   varchar(64)
);

CREATE TABLE address_view (
    address_id varchar(64) PRIMARY KEY,
    user_id    varchar(64) NOT NULL,
    address    jsonb       NOT NULL,
    is_default boolean     NOT NULL
);
CREATE INDEX address_view_user_idx ON address_view (user_id);

CREATE TABLE favorite_view (
    user_id      varchar(64) NOT NULL,
    product_id   varchar(64) NOT NULL,
    favorited_at timestamp(6) with time zone NOT NULL,
    PRIMARY KEY (user_id, product_id)
);

CREATE TABLE cart_item_view (
    user_id    varchar(64) NOT NULL,
    product_id varchar(64) NOT NULL,
    quantity   integer     NOT NULL,
    PRIMARY KEY (user_id, product_id)
);

-- Set-based validation on the command side: a username is claimed in the same transaction that
-- appends UserRegistered, so two concurrent registrations of one name cannot both commit.
CREATE TABLE username_claim (
    username varchar(64) PRIMARY KEY,
    user_id  varchar(64) NOT NULL UNIQUE
);
