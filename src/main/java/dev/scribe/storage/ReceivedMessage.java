package dev.scribe.storage;

import dev.scribe.incident.RecordedMessage;

/** A message as received, to be stored: the message, the Slack event that carried it (may be null, for logs), and when. */
record ReceivedMessage(RecordedMessage message, String eventId, long recordedAtUs) {
}
