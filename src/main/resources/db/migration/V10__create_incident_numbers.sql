-- Incident numbers come from one counter row: the UPDATE that takes the next number locks the row until
-- the incident is committed, so concurrent opens (on any replica) queue instead of colliding, and a
-- rolled-back open gives its number back.
CREATE TABLE incident_numbers (
    id          INT NOT NULL PRIMARY KEY,
    last_number INT NOT NULL
)${table_options}
