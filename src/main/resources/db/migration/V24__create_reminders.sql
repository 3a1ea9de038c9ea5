-- Reminders sent (issue 17, part 2): one row per reminder, inserted by the replica that sends it before it posts, so
-- the primary key lets one replica send each reminder once, across restarts too. occurrence tells reminders of one
-- kind apart: for UPDATE the time it fell due (a new one falls due a period after the later of the last activity and
-- the last UPDATE reminder), for CLOSE and ACTION the incident's close_count (one per time it is resolved or closed).
CREATE TABLE reminders (
    incident_number INT         NOT NULL,
    kind            VARCHAR(16) NOT NULL,
    occurrence      BIGINT      NOT NULL,
    sent_by         VARCHAR(64) NOT NULL,
    sent_at_us      BIGINT      NOT NULL,
    posted_ts       VARCHAR(32),
    PRIMARY KEY (incident_number, kind, occurrence)
)${table_options}
