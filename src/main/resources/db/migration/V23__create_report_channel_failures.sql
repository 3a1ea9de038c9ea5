-- A channel a report's posts are failing in (issue 17, part 3). failing_since_us is the first failure since the
-- channel last took a post; once Slack's answer is one no retry fixes, or it has failed for 15 minutes,
-- parked_at_us is set, in the same transaction that stores the notices telling a person, so the person is told
-- once on any replica and after any restart, and the outbox stops trying that channel for that report.
-- `/incident repost` deletes the report's rows, which makes its posts due again.
CREATE TABLE report_channel_failures (
    incident_number  INT          NOT NULL,
    close_count      INT          NOT NULL,
    channel_id       VARCHAR(32)  NOT NULL,
    failing_since_us BIGINT       NOT NULL,
    error            VARCHAR(500) NOT NULL,
    parked_at_us     BIGINT,
    PRIMARY KEY (incident_number, close_count, channel_id)
)${table_options}
