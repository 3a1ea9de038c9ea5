package dev.scribe.incident;

/** A change to an open incident's status, severity or commander. */
public sealed interface IncidentChange {

    record NewStatus(Status status) implements IncidentChange {
    }

    record NewSeverity(Severity severity) implements IncidentChange {
    }

    record NewCommander(String userId) implements IncidentChange {
    }
}
