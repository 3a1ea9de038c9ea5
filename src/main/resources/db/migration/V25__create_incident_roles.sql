-- Who holds each role of an incident besides the commander (SCRIBE_ROLES, e.g. comms). The commander stays in
-- incidents.commander_id. One holder per role: the key makes a second holder replace the first, on every replica.
CREATE TABLE incident_roles (
    incident_number INT         NOT NULL,
    role_name       VARCHAR(32) NOT NULL,
    user_id         VARCHAR(32) NOT NULL,
    PRIMARY KEY (incident_number, role_name)
)${table_options}
