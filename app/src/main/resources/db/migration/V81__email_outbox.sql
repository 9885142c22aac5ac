-- The user's e-mail address, sealed with their personal data key like the mobile (unreadable once forgotten).
ALTER TABLE user_account ADD COLUMN email text;

-- Notifications waiting to be e-mailed (EmailOutbox), written in the transaction that stores the notification;
-- EmailOutboxSender sends them and deletes each once the SMTP server took it, or moves next_attempt_at on with a
-- growing back-off while the server is away. The address is looked up at sending time, not kept here.
CREATE TABLE email_outbox (
    outbox_id       varchar(64)  PRIMARY KEY,
    user_id         varchar(64)  NOT NULL,
    kind            varchar(64)  NOT NULL,
    subject         varchar(255) NOT NULL,
    body            text         NOT NULL,
    created_at      timestamp(6) with time zone NOT NULL,
    attempts        integer      NOT NULL DEFAULT 0,
    next_attempt_at timestamp(6) with time zone NOT NULL,
    last_error      text
);
CREATE INDEX email_outbox_due_idx ON email_outbox (next_attempt_at);
