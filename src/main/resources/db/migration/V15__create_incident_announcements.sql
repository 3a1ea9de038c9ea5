-- The message announcing an incident in the channel where it was started, when it lives in a channel of its
-- own: kept so that it can be updated as the incident's severity and status change.
CREATE TABLE incident_announcements (
    incident_number INT         NOT NULL PRIMARY KEY,
    channel_id      VARCHAR(32) NOT NULL,
    message_ts      VARCHAR(32) NOT NULL
)${table_options}
