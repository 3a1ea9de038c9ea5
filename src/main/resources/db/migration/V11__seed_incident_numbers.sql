INSERT INTO incident_numbers (id, last_number) SELECT 1, COALESCE(MAX(incident_number), 0) FROM incidents
