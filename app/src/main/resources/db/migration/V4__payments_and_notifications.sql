-- The default NotificationSender's inbox: what each user was told, newest first.
CREATE TABLE notification (
    notification_id varchar(64)  PRIMARY KEY,
    user_id         varchar(64)  NOT NULL,
    kind            varchar(64)  NOT NULL,
    subject         varchar(255) NOT NULL,
    body            text         NOT NULL,
    created_at      timestamp(6) with time zone NOT NULL
);
CREATE INDEX notification_user_idx ON notification (user_id, created_at DESC);

-- The built-in sandbox payment provider's own book of sessions (a real provider keeps this on its side).
CREATE TABLE sandbox_payment (
    provider_reference varchar(64) PRIMARY KEY,
    payment_id         varchar(64) NOT NULL UNIQUE,
    order_id           varchar(64) NOT NULL,
    amount             bigint      NOT NULL,
    refunded_amount    bigint
);

-- Purchase status follows its order: found by order id.
CREATE INDEX flash_sale_purchase_view_order_idx ON flash_sale_purchase_view (order_id);
