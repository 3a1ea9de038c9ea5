-- A message is identified by its channel and Slack ts: the primary key is what makes a Slack retry
-- (or the same message through another replica) a no-op. The UNIQUE key doubles as the index that
-- reads an incident's messages in time order.
CREATE TABLE messages (
    channel_id      VARCHAR(32) NOT NULL,
    ts              VARCHAR(32) NOT NULL,
    incident_number INT         NOT NULL,
    thread_ts       VARCHAR(32),
    author_id       VARCHAR(32) NOT NULL,
    body            ${text_type} NOT NULL,
    posted_at_us    BIGINT      NOT NULL,
    recorded_at_us  BIGINT      NOT NULL,
    PRIMARY KEY (channel_id, ts),
    CONSTRAINT uq_messages_incident_time UNIQUE (incident_number, posted_at_us, ts)
)${table_options}
