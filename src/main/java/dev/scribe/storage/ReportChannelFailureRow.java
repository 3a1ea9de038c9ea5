package dev.scribe.storage;

/** A parked channel of {@code report_channel_failures}. */
// Public only for Jdbi's ConstructorMapper, which cannot call the constructor of a package-private type.
public record ReportChannelFailureRow(int incidentNumber, int closeCount, String channelId, String error,
                                      long parkedAtUs) {
}
