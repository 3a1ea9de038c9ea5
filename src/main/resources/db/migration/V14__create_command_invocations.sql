-- Slack gives every slash command invocation its own trigger_id; the first request carrying one claims it here
-- before the command acts, so the same signed request replayed (within the signature's five minutes), on any
-- replica, is acted on once. Rows older than a day are deleted by the bot.
CREATE TABLE command_invocations (
    trigger_id     VARCHAR(255) NOT NULL PRIMARY KEY,
    received_at_us BIGINT       NOT NULL
)${table_options}
