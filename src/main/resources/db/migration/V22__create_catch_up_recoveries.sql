-- What each finished read-back recovered, for the report: how many messages, written from when, read back when.
CREATE TABLE catch_up_recoveries (
    incident_number INT    NOT NULL,
    finished_at_us  BIGINT NOT NULL,
    messages        INT    NOT NULL,
    from_us         BIGINT NOT NULL,
    until_us        BIGINT NOT NULL,
    PRIMARY KEY (incident_number, until_us)
)${table_options}
