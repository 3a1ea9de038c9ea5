CREATE TABLE timeline_entries (
    id              ${id_column},
    incident_number INT          NOT NULL,
    kind            VARCHAR(24)  NOT NULL,
    at_us           BIGINT       NOT NULL,
    author_id       VARCHAR(32),
    body            ${text_type} NOT NULL,
    message_ts      VARCHAR(32),
    created_at_us   BIGINT       NOT NULL
)${table_options}
