CREATE INDEX ix_timeline_entries_incident ON timeline_entries (incident_number, at_us)
