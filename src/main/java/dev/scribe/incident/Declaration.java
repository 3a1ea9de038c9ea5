package dev.scribe.incident;

/**
 * What someone declaring an incident says about it: its title (plain text, checked when it is opened), how bad it
 * is, and what they knew so far (plain text, possibly several lines; empty when nothing was given).
 */
public record Declaration(String title, Severity severity, String knownSoFar) {

    public Declaration {
        knownSoFar = knownSoFar == null ? "" : knownSoFar;
    }
}
