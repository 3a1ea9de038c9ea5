package dev.scribe.slack;

import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

/**
 * The fields a person's message event is recorded from, read from an Events API body in one streaming pass:
 * {@code event_id}, and the event's subtype, channel, ts, thread_ts, user and text. {@link #read} answers only for
 * the plain case, an {@code event_callback} holding a {@code message} of no subtype or of a person's subtype
 * ({@link PeopleMessages#PEOPLE_SUBTYPES}) and no {@code bot_id}, written as strict JSON with each of those fields a
 * string (or absent) and named once; anything else is left to Bolt, so that Bolt's parsing decides every case that is
 * not plain, exactly as before.
 *
 * @param threadTs null for a {@code /me} message, whose thread Bolt's model does not read
 */
record MessageEventBody(String eventId, String subtype, String channel, String ts, String threadTs, String user,
                        String text) {

    private static final String ME_MESSAGE = "me_message";

    /** The fields of a plain person's message event, or null when the body is anything else (Bolt's to handle). */
    static MessageEventBody read(byte[] body) {
        try (JsonReader in = new JsonReader(new InputStreamReader(new ByteArrayInputStream(body), StandardCharsets.UTF_8))) {
            in.setStrictness(Strictness.STRICT);
            MessageEventBody read = envelope(in);
            return read != null && in.peek() == JsonToken.END_DOCUMENT ? read : null;
        } catch (IOException | IllegalStateException | NumberFormatException e) {
            // Not strict JSON (or cut short): Bolt's lenient parser decides what it is.
            return null;
        }
    }

    private static MessageEventBody envelope(JsonReader in) throws IOException {
        if (in.peek() != JsonToken.BEGIN_OBJECT) {
            return null;
        }
        in.beginObject();
        Set<String> seen = new HashSet<>();
        String type = null;
        String eventId = null;
        MessageEventBody event = null;
        while (in.hasNext()) {
            String name = in.nextName();
            switch (name) {
                case "type", "event_id", "event" -> {
                    if (!seen.add(name)) {
                        return null;
                    }
                }
                default -> {
                    in.skipValue();
                    continue;
                }
            }
            if (name.equals("event")) {
                event = event(in);
                if (event == null) {
                    return null;
                }
                continue;
            }
            if (in.peek() != JsonToken.STRING) {
                return null;
            }
            if (name.equals("type")) {
                type = in.nextString();
            } else {
                eventId = in.nextString();
            }
        }
        in.endObject();
        if (!"event_callback".equals(type) || event == null) {
            return null;
        }
        return new MessageEventBody(eventId, event.subtype, event.channel, event.ts,
                ME_MESSAGE.equals(event.subtype) ? null : event.threadTs, event.user, event.text);
    }

    /** The event object's fields (event id still unknown), or null when it is not a plain person's message. */
    private static MessageEventBody event(JsonReader in) throws IOException {
        if (in.peek() != JsonToken.BEGIN_OBJECT) {
            return null;
        }
        in.beginObject();
        Set<String> seen = new HashSet<>();
        String type = null;
        String subtype = null;
        String channel = null;
        String ts = null;
        String threadTs = null;
        String user = null;
        String text = null;
        while (in.hasNext()) {
            String name = in.nextName();
            switch (name) {
                case "bot_id" -> {
                    // A bot's message: whether it is this app's own is Bolt's to tell (IgnoringSelfEvents).
                    return null;
                }
                case "type", "subtype", "channel", "ts", "thread_ts", "user", "text" -> {
                    if (!seen.add(name) || in.peek() != JsonToken.STRING) {
                        return null;
                    }
                }
                default -> {
                    in.skipValue();
                    continue;
                }
            }
            String value = in.nextString();
            switch (name) {
                case "type" -> type = value;
                case "subtype" -> subtype = value;
                case "channel" -> channel = value;
                case "ts" -> ts = value;
                case "thread_ts" -> threadTs = value;
                case "user" -> user = value;
                default -> text = value;
            }
        }
        in.endObject();
        if (!"message".equals(type) || (subtype != null && !PeopleMessages.PEOPLE_SUBTYPES.contains(subtype))) {
            return null;
        }
        return new MessageEventBody(null, subtype, channel, ts, threadTs, user, text);
    }
}
