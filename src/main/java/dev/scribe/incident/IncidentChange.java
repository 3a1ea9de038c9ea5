package dev.scribe.incident;

/** A change to an open incident's status, severity, commander or another of its roles. */
public sealed interface IncidentChange {

    record NewStatus(Status status) implements IncidentChange {
    }

    record NewSeverity(Severity severity) implements IncidentChange {
    }

    record NewCommander(String userId) implements IncidentChange {
    }

    /** Someone now holds a role other than the commander's ({@link Roles}). */
    record NewRoleHolder(String role, String userId) implements IncidentChange {
    }
}
