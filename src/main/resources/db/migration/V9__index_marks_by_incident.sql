CREATE INDEX ix_marks_incident ON marks (incident_number)
