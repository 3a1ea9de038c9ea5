-- One statement per migration file: MariaDB/MySQL commit DDL implicitly, so a file with two statements
-- could fail half-applied. Times are epoch microseconds (BIGINT): the same on H2, PostgreSQL and MariaDB.
-- open_channel_id equals channel_id while the incident is open and is NULL once closed: its UNIQUE
-- constraint is what keeps "one open incident per channel" true across replicas.
CREATE TABLE incidents (
    incident_number   INT          NOT NULL PRIMARY KEY,
    title             VARCHAR(400) NOT NULL,
    severity          VARCHAR(8)   NOT NULL,
    status            VARCHAR(16)  NOT NULL,
    channel_id        VARCHAR(32)  NOT NULL,
    open_channel_id   VARCHAR(32)  UNIQUE,
    origin_channel_id VARCHAR(32),
    commander_id      VARCHAR(32),
    opened_by         VARCHAR(32)  NOT NULL,
    started_at_us     BIGINT       NOT NULL,
    closed_at_us      BIGINT,
    resolution        ${text_type},
    header_ts         VARCHAR(32)
)${table_options}
