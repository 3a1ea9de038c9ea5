-- A browser session of the incident pages, opened by a sign-in link. Only the SHA-256 of the cookie's value is
-- kept (hex). In the database, not in memory, so every replica honours a session and a restart keeps it.
CREATE TABLE web_sessions (
    session_hash  VARCHAR(64) NOT NULL PRIMARY KEY,
    user_id       VARCHAR(32) NOT NULL,
    team_id       VARCHAR(32) NOT NULL,
    created_at_us BIGINT      NOT NULL,
    expires_at_us BIGINT      NOT NULL
)${table_options}
