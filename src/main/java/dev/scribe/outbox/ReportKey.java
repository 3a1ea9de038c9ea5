package dev.scribe.outbox;

/** Which report: an incident and which of its closes. */
public record ReportKey(int incidentNumber, int closeCount) {
}
