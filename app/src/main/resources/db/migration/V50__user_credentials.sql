-- Password hashes leave the event history and the users read model (issue 9): they live here, state-stored,
-- written by the User aggregate's registration in the same transaction as its events. The upcaster
-- UserRegisteredWithoutPasswordHash drops the hash from the stored UserRegistered events when they are read.
CREATE TABLE user_credential (
    user_id       varchar(64)  PRIMARY KEY,
    -- lower-cased, as username_claim
    username      varchar(64)  NOT NULL UNIQUE,
    password_hash varchar(255) NOT NULL,
    changed_at    timestamp(6) with time zone NOT NULL DEFAULT now()
);

INSERT INTO user_credential (user_id, username, password_hash)
SELECT user_id, lower(trim(username)), password_hash FROM user_account
ON CONFLICT DO NOTHING;

ALTER TABLE user_account DROP COLUMN password_hash;
