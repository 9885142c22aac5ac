-- Axon's JDBC storage engine inserts events without a global index: PostgreSQL assigns it from the same sequence
-- (allocation size 1) as each row is inserted.
ALTER TABLE domain_event_entry ALTER COLUMN global_index SET DEFAULT nextval('domain_event_global_index_seq');
ALTER SEQUENCE domain_event_global_index_seq OWNED BY domain_event_entry.global_index;
