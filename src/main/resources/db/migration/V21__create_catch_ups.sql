-- Catching up on what Slack could not deliver while the bot was unreachable (README, "Guarantees").
-- catch_ups: one row per incident whose channel is to be read back, or is being read back. A replica takes it with
-- one UPDATE (claimed_by/claimed_until_us: a lease it renews as it goes, so a replica that dies hands over when the
-- lease runs out); resume_before_ts is how far down the channel's history the read has come, so a restart goes
-- on from there; the read stops at requested_at_us (what came after arrived live). again_at_us asks for another read
-- once this one ends (a new gap while it ran).
CREATE TABLE catch_ups (
    incident_number    INT         NOT NULL PRIMARY KEY,
    requested_at_us    BIGINT      NOT NULL,
    resume_before_ts   VARCHAR(32),
    recovered          INT         DEFAULT 0 NOT NULL,
    first_recovered_us BIGINT,
    again_at_us        BIGINT,
    attempts           INT         DEFAULT 0 NOT NULL,
    next_attempt_us    BIGINT      NOT NULL,
    claimed_by         VARCHAR(64),
    claimed_until_us   BIGINT
)${table_options}
