-- Axon's JDBC saga store inserts association values without an id and leaves it to the table (its own schema
-- declares the column auto-increment); the JPA store drew ids from this sequence itself. With the default both
-- can write: values drawn by the sequence lie beyond every block Hibernate's pooled optimizer has handed out.
ALTER TABLE association_value_entry ALTER COLUMN id SET DEFAULT nextval('association_value_entry_seq');
