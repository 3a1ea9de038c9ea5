-- Messages put on an incident's timeline with the "Add to incident timeline" shortcut, from any channel (the alert
-- in #alerts): kept whole (author, text as sent, Slack's link), since the bot may not be in that channel and never
-- recorded it. The primary key is what makes the same message added twice, on any replica, one entry.
CREATE TABLE timeline_messages (
    incident_number INT          NOT NULL,
    channel_id      VARCHAR(32)  NOT NULL,
    ts              VARCHAR(32)  NOT NULL,
    thread_ts       VARCHAR(32),
    author_id       VARCHAR(32)  NOT NULL,
    body            ${text_type} NOT NULL,
    posted_at_us    BIGINT       NOT NULL,
    kind            VARCHAR(24)  NOT NULL,
    added_by        VARCHAR(32)  NOT NULL,
    note            ${text_type},
    permalink       VARCHAR(1000),
    added_at_us     BIGINT       NOT NULL,
    PRIMARY KEY (incident_number, channel_id, ts)
)${table_options}
