-- People who have opened the bot's Home tab, and when last: their Home is published again when an incident starts,
-- changes or closes. In the database so that a restart, or another replica, still knows whom to refresh.
-- (Version 20.1: the second table of migration number 20, as each migration file holds one statement.)
CREATE TABLE home_viewers (
    user_id       VARCHAR(32) NOT NULL PRIMARY KEY,
    opened_at_us  BIGINT      NOT NULL
)${table_options}
