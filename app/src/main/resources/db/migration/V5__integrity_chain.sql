-- A hash chain over the stored events, in the order the chain processor saw them: each link hashes the
-- previous link with the event's stored bytes, so altering, removing or reordering a stored event breaks
-- every link from it on (GET /audit/verify).
CREATE TABLE integrity_chain (
    link         bigint      PRIMARY KEY,
    global_index bigint      NOT NULL UNIQUE,
    hash         varchar(64) NOT NULL
);
