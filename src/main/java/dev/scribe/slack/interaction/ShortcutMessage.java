package dev.scribe.slack.interaction;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.slack.api.app_backend.interactive_components.payload.MessageShortcutPayload;
import com.slack.api.model.Message;
import dev.scribe.slack.SlackIds;
import dev.scribe.slack.SlackTs;
import java.util.Optional;

/**
 * The message a message shortcut was used on, as its payload carries it (the bot need not be in that channel, nor
 * have recorded it), and the response_url that answers the person who used it. Travels from the shortcut to its
 * form's submission in the modal's private_metadata; a text too long for Slack's 3,000 characters of metadata
 * stays behind in {@link PendingTexts}.
 */
record ShortcutMessage(String channelId, String ts, String threadTs, String authorId, String text, String responseUrl) {

    /** The message of a shortcut's payload; empty when the payload lacks what Slack always sends, or has odd ids. */
    static Optional<ShortcutMessage> of(MessageShortcutPayload payload) {
        Message m = payload.getMessage();
        if (m == null || payload.getChannel() == null) {
            return Optional.empty();
        }
        // An app's message (an alert) has no user; its bot stands for the author.
        String author = m.getUser() != null ? m.getUser() : m.getBotId();
        String ts = m.getTs() != null ? m.getTs() : payload.getMessageTs();
        String thread = m.getThreadTs() == null || m.getThreadTs().equals(ts) ? null : m.getThreadTs();
        ShortcutMessage message = new ShortcutMessage(payload.getChannel().getId(), ts, thread, author,
                m.getText() == null ? "" : m.getText(), payload.getResponseUrl());
        return message.isWellFormed() ? Optional.of(message) : Optional.empty();
    }

    private boolean isWellFormed() {
        return SlackIds.isValid(channelId) && SlackIds.isValid(authorId) && SlackTs.isValid(ts)
                && (threadTs == null || SlackTs.isValid(threadTs))
                && (responseUrl == null || responseUrl.startsWith("https://") || responseUrl.startsWith("http://"));
    }

    /** The private_metadata of its form: the message whole, or without its text (then kept in {@code pending}). */
    String toMetadata(PendingTexts pending, int maxLength) {
        JsonObject o = fields();
        o.addProperty("t", text);
        if (o.toString().length() <= maxLength) {
            return o.toString();
        }
        JsonObject without = fields();
        without.addProperty("k", pending.keep(text));
        return without.toString();
    }

    private JsonObject fields() {
        JsonObject o = new JsonObject();
        o.addProperty("c", channelId);
        o.addProperty("ts", ts);
        if (threadTs != null) {
            o.addProperty("th", threadTs);
        }
        o.addProperty("u", authorId);
        if (responseUrl != null) {
            o.addProperty("r", responseUrl);
        }
        return o;
    }

    /**
     * The message a form's private_metadata carries; empty when it is not one this bot wrote, or its text was kept on
     * another replica (or before a restart) and is gone.
     */
    static Optional<ShortcutMessage> fromMetadata(String metadata, PendingTexts pending) {
        if (metadata == null || metadata.isBlank()) {
            return Optional.empty();
        }
        try {
            JsonElement parsed = JsonParser.parseString(metadata);
            if (!parsed.isJsonObject()) {
                return Optional.empty();
            }
            JsonObject o = parsed.getAsJsonObject();
            Optional<String> text = o.has("t") ? Optional.of(string(o, "t")) : pending.find(string(o, "k"));
            if (text.isEmpty()) {
                return Optional.empty();
            }
            ShortcutMessage m = new ShortcutMessage(string(o, "c"), string(o, "ts"), string(o, "th"), string(o, "u"),
                    text.get(), string(o, "r"));
            return m.isWellFormed() ? Optional.of(m) : Optional.empty();
        } catch (JsonParseException | IllegalStateException | UnsupportedOperationException e) {
            return Optional.empty();
        }
    }

    private static String string(JsonObject o, String field) {
        JsonElement e = o.get(field);
        return e == null || e.isJsonNull() ? null : e.getAsString();
    }
}
