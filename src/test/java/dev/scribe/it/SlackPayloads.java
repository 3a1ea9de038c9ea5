package dev.scribe.it;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.scribe.testing.Triggers;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/** Request bodies shaped like the ones Slack sends: Events API envelopes and slash command forms. */
final class SlackPayloads {

    static final String TEAM = "T0TEAM";
    static final String APP = "A0APP";
    private static final AtomicLong EVENT_IDS = new AtomicLong(1000);

    private SlackPayloads() {
    }

    /** A fresh event id, unique in the test run. */
    static String eventId() {
        return "Ev" + EVENT_IDS.incrementAndGet();
    }

    /** A human message, top-level when {@code threadTs} is null. */
    static String message(String eventId, String channel, String user, String ts, String threadTs, String text) {
        JsonObject e = event("message", channel, ts);
        e.addProperty("user", user);
        e.addProperty("text", text);
        if (threadTs != null) {
            e.addProperty("thread_ts", threadTs);
        }
        return envelope(eventId, e);
    }

    /** A message another app posted (bot_message subtype). */
    static String botMessage(String eventId, String channel, String botId, String ts, String text) {
        JsonObject e = event("message", channel, ts);
        e.addProperty("subtype", "bot_message");
        e.addProperty("bot_id", botId);
        e.addProperty("text", text);
        return envelope(eventId, e);
    }

    /** Slack's "joined the channel" message. */
    static String join(String eventId, String channel, String user, String ts) {
        JsonObject e = event("message", channel, ts);
        e.addProperty("subtype", "channel_join");
        e.addProperty("user", user);
        e.addProperty("text", "<@" + user + "> has joined the channel");
        return envelope(eventId, e);
    }

    static String reactionAdded(String eventId, String user, String emoji, String channel, String ts) {
        return reaction("reaction_added", eventId, user, emoji, channel, ts);
    }

    static String reactionRemoved(String eventId, String user, String emoji, String channel, String ts) {
        return reaction("reaction_removed", eventId, user, emoji, channel, ts);
    }

    /** An edit: Slack sends the whole new message and the previous one. */
    static String messageChanged(String eventId, String channel, String user, String ts, String oldText, String newText) {
        JsonObject e = event("message", channel, String.valueOf(nowTs()));
        e.addProperty("subtype", "message_changed");
        e.addProperty("hidden", true);
        JsonObject message = new JsonObject();
        message.addProperty("type", "message");
        message.addProperty("user", user);
        message.addProperty("text", newText);
        message.addProperty("ts", ts);
        JsonObject edited = new JsonObject();
        edited.addProperty("user", user);
        edited.addProperty("ts", String.valueOf(nowTs()));
        message.add("edited", edited);
        JsonObject previous = new JsonObject();
        previous.addProperty("type", "message");
        previous.addProperty("user", user);
        previous.addProperty("text", oldText);
        previous.addProperty("ts", ts);
        e.add("message", message);
        e.add("previous_message", previous);
        return envelope(eventId, e);
    }

    static String messageDeleted(String eventId, String channel, String ts) {
        JsonObject e = event("message", channel, String.valueOf(nowTs()));
        e.addProperty("subtype", "message_deleted");
        e.addProperty("hidden", true);
        e.addProperty("deleted_ts", ts);
        return envelope(eventId, e);
    }

    /** A person opening the bot's Home tab ({@code tab} "home") or its Messages tab ("messages"). */
    static String appHomeOpened(String eventId, String user, String tab) {
        JsonObject e = new JsonObject();
        e.addProperty("type", "app_home_opened");
        e.addProperty("user", user);
        e.addProperty("channel", "D" + user);
        e.addProperty("tab", tab);
        e.addProperty("event_ts", String.valueOf(nowTs()));
        return envelope(eventId, e);
    }

    /** An event type the bot does not handle. */
    static String unhandled(String eventId, String type) {
        JsonObject e = new JsonObject();
        e.addProperty("type", type);
        e.addProperty("user", "U0SOMEONE");
        e.addProperty("event_ts", String.valueOf(nowTs()));
        return envelope(eventId, e);
    }

    /**
     * The form body of {@code /incident <text>}, with a trigger_id of its own, as Slack gives every invocation: one the
     * fake Web API honours for a views.open within its three seconds.
     */
    static String slashCommand(String user, String channel, String text, String responseUrl) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("token", "legacy-verification-token");
        form.put("team_id", TEAM);
        form.put("team_domain", "example");
        form.put("channel_id", channel);
        form.put("channel_name", "some-channel");
        form.put("user_id", user);
        form.put("user_name", user.toLowerCase());
        form.put("command", "/incident");
        form.put("text", text);
        form.put("api_app_id", APP);
        form.put("response_url", responseUrl);
        form.put("trigger_id", Triggers.issue());
        return form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    /** A Slack ts for an instant given in epoch seconds, with a sequence part. */
    static String ts(long epochSecond, int sequence) {
        return epochSecond + "." + String.format("%06d", sequence);
    }

    private static double nowTs() {
        return System.currentTimeMillis() / 1000.0;
    }

    private static String reaction(String type, String eventId, String user, String emoji, String channel, String ts) {
        JsonObject e = new JsonObject();
        e.addProperty("type", type);
        e.addProperty("user", user);
        e.addProperty("reaction", emoji);
        e.addProperty("item_user", "U0AUTHOR");
        JsonObject item = new JsonObject();
        item.addProperty("type", "message");
        item.addProperty("channel", channel);
        item.addProperty("ts", ts);
        e.add("item", item);
        e.addProperty("event_ts", String.valueOf(nowTs()));
        return envelope(eventId, e);
    }

    private static JsonObject event(String type, String channel, String ts) {
        JsonObject e = new JsonObject();
        e.addProperty("type", type);
        e.addProperty("channel", channel);
        e.addProperty("channel_type", "channel");
        e.addProperty("ts", ts);
        e.addProperty("event_ts", ts);
        return e;
    }

    private static String envelope(String eventId, JsonObject event) {
        JsonObject o = new JsonObject();
        o.addProperty("token", "legacy-verification-token");
        o.addProperty("team_id", TEAM);
        o.addProperty("api_app_id", APP);
        o.add("event", event);
        o.addProperty("type", "event_callback");
        o.addProperty("event_id", eventId);
        o.addProperty("event_time", System.currentTimeMillis() / 1000);
        JsonArray authorizations = new JsonArray();
        JsonObject a = new JsonObject();
        a.addProperty("team_id", TEAM);
        a.addProperty("user_id", "U0BOT");
        a.addProperty("is_bot", true);
        authorizations.add(a);
        o.add("authorizations", authorizations);
        return o.toString();
    }
}
