-- Deleted messages leave every report but stay in storage (an audit trail of what was said).
ALTER TABLE messages ADD deleted_at_us BIGINT
