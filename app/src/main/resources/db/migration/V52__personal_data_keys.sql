-- Crypto-shredding (issue 9): personal data in events (a user's mobile, an address's name, phone, street and
-- postal code) is sealed with a key per user, kept here, state-stored. Forgetting the user (DELETE /users/me)
-- destroys the key: the events stay as they are, their sealed fields can no longer be read.
CREATE TABLE user_data_key (
    user_id      varchar(64) PRIMARY KEY,
    data_key     bytea,
    created_at   timestamp(6) with time zone NOT NULL DEFAULT now(),
    -- set when the key was destroyed; a forgotten user gets no new key
    forgotten_at timestamp(6) with time zone
);

-- A sealed mobile is longer than the clear one.
ALTER TABLE user_account ALTER COLUMN mobile TYPE varchar(255);
