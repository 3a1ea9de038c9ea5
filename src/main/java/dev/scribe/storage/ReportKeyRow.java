package dev.scribe.storage;

/** An (incident, close) pair read from {@code report_posts}. */
// Public only for Jdbi's ConstructorMapper, which cannot call the constructor of a package-private type.
public record ReportKeyRow(int incidentNumber, int closeCount) {
}
