-- A personal sign-in link for the incident pages, handed out by /incident web. Only the SHA-256 of the link's
-- token is kept (hex), so a copy of the database opens no session. used_at_us is set by the one request that
-- redeems it (an UPDATE ... WHERE used_at_us IS NULL), which makes a link work once on any replica.
CREATE TABLE web_sign_in_links (
    token_hash    VARCHAR(64) NOT NULL PRIMARY KEY,
    user_id       VARCHAR(32) NOT NULL,
    team_id       VARCHAR(32) NOT NULL,
    created_at_us BIGINT      NOT NULL,
    expires_at_us BIGINT      NOT NULL,
    used_at_us    BIGINT
)${table_options}
