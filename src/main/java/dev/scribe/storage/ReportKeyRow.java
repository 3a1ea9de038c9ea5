package dev.scribe.storage;

/** An (incident, close) pair read from {@code report_posts}. */
public record ReportKeyRow(int incidentNumber, int closeCount) {
}
