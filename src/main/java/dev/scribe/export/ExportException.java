package dev.scribe.export;

/** A Slack export that cannot be read or used, with a message fit for one line on stderr. */
final class ExportException extends RuntimeException {
    public ExportException(String message) {
        super(message);
    }

    public ExportException(String message, Throwable cause) {
        super(message, cause);
    }
}
