-- Process managers and command-sending handlers have no Axon dead-letter queue (sagas cannot have one).
-- An event their handler keeps failing on is counted here, attempt by attempt, and parked after the last
-- one: the processor moves on, later events of the same sequence (aggregate) park behind it, and
-- POST /admin/projections/{name}/dead-letters/retry handles them again (ParkedEvents, ParkingInterceptor).
CREATE TABLE parked_event (
    processing_group    varchar(255)  NOT NULL,
    event_identifier    varchar(255)  NOT NULL,
    sequence_identifier varchar(255)  NOT NULL,
    global_index        bigint        NOT NULL,
    payload_type        varchar(255)  NOT NULL,
    attempts            integer       NOT NULL,
    parked              boolean       NOT NULL,
    cause_type          varchar(255),
    cause_message       varchar(1023),
    first_failed_at     timestamp(6) with time zone NOT NULL,
    last_failed_at      timestamp(6) with time zone NOT NULL,
    CONSTRAINT parked_event_pkey PRIMARY KEY (processing_group, event_identifier)
);
-- Retry reads a group's parked letters in event order.
CREATE INDEX parked_event_group_idx ON parked_event (processing_group, parked, global_index);
