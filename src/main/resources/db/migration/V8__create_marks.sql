-- One row per person per reaction on a message: removing a reaction removes only that person's mark,
-- and the message stays marked while anyone still has a reaction of that kind on it. Marks are kept
-- even before their message is recorded (events arrive out of order) and take effect once it is.
CREATE TABLE marks (
    channel_id      VARCHAR(32) NOT NULL,
    ts              VARCHAR(32) NOT NULL,
    reaction        VARCHAR(100) NOT NULL,
    user_id         VARCHAR(32) NOT NULL,
    incident_number INT         NOT NULL,
    kind            VARCHAR(24) NOT NULL,
    marked_at_us    BIGINT      NOT NULL,
    PRIMARY KEY (channel_id, ts, reaction, user_id)
)${table_options}
