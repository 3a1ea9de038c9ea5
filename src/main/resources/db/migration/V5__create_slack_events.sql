-- Slack delivers events at least once; the event_id of every event that changed something is kept so
-- that a retry, on any replica, changes nothing.
CREATE TABLE slack_events (
    event_id       VARCHAR(64) NOT NULL PRIMARY KEY,
    received_at_us BIGINT      NOT NULL
)${table_options}
