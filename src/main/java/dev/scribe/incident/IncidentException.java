package dev.scribe.incident;

/**
 * A request the incident rules refuse (no open incident here, already closed ...). The message is
 * written for the person who asked and is shown to them as it is.
 */
public class IncidentException extends RuntimeException {
    public IncidentException(String message) {
        super(message);
    }
}
