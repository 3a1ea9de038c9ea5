-- The outbox: every Slack post a closed incident's report needs, stored before anything is posted.
-- A replica claims a report's pending posts by setting claimed_by/claimed_until_us with one UPDATE
-- (a lease: if that replica dies, another takes over when it expires); done marks what Slack accepted,
-- posted_ref keeps the message ts or file id it answered.
CREATE TABLE report_posts (
    incident_number  INT          NOT NULL,
    close_count      INT          NOT NULL,
    seq              INT          NOT NULL,
    kind             VARCHAR(16)  NOT NULL,
    channel_id       VARCHAR(32)  NOT NULL,
    payload          ${large_text_type} NOT NULL,
    file_name        VARCHAR(200),
    posted_ref       VARCHAR(64),
    done             BOOLEAN      DEFAULT FALSE NOT NULL,
    attempts         INT          DEFAULT 0 NOT NULL,
    next_attempt_us  BIGINT       NOT NULL,
    claimed_by       VARCHAR(64),
    claimed_until_us BIGINT,
    last_error       VARCHAR(500),
    created_at_us    BIGINT       NOT NULL,
    PRIMARY KEY (incident_number, close_count, seq)
)${table_options}
