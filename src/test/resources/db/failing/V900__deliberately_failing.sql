-- Fails on every database: the table exists. Used to check a failed migration changes nothing.
CREATE TABLE messages (deliberately_failing INT)
