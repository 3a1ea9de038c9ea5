package dev.scribe.it;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.scribe.testing.FakeSlackApi;
import dev.scribe.testing.Triggers;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Interactivity payloads shaped like the ones Slack sends when a person uses a shortcut or a control: global and
 * message shortcuts, clicks on buttons and selects in a message or a view. Each comes with a fresh
 * {@link Triggers trigger}, as Slack issues one per interaction. View submissions are built by {@link ViewForm}.
 * Over HTTP a payload travels as {@link #form}; in Socket Mode as an {@code interactive} envelope's payload.
 */
final class Interactions {

    private Interactions() {
    }

    /** The form body Slack posts: one field, {@code payload}. */
    static String form(String payloadJson) {
        return "payload=" + URLEncoder.encode(payloadJson, StandardCharsets.UTF_8);
    }

    /** A global shortcut (from the lightning menu or the search bar): no channel. */
    static String globalShortcut(String user, String callbackId) {
        JsonObject p = base("shortcut", user);
        p.addProperty("callback_id", callbackId);
        p.addProperty("trigger_id", Triggers.issue());
        p.addProperty("action_ts", nowTs());
        return p.toString();
    }

    /**
     * A message shortcut on a message of {@code channel}: Slack carries the message itself ({@code message}),
     * whether or not the bot is in that channel. {@code threadTs} is null for a top-level message.
     */
    static String messageShortcut(String user, String callbackId, String channel, String channelName, String author,
                                  String ts, String threadTs, String text, String responseUrl) {
        JsonObject p = base("message_action", user);
        p.addProperty("callback_id", callbackId);
        p.addProperty("trigger_id", Triggers.issue());
        p.addProperty("action_ts", nowTs());
        p.addProperty("message_ts", ts);
        p.addProperty("response_url", responseUrl);
        JsonObject ch = new JsonObject();
        ch.addProperty("id", channel);
        ch.addProperty("name", channelName);
        p.add("channel", ch);
        JsonObject m = new JsonObject();
        m.addProperty("type", "message");
        m.addProperty("user", author);
        m.addProperty("ts", ts);
        m.addProperty("text", text);
        if (threadTs != null) {
            m.addProperty("thread_ts", threadTs);
        }
        m.addProperty("team", SlackPayloads.TEAM);
        p.add("message", m);
        return p.toString();
    }

    /** A click on the button {@code actionId} of a message the bot posted. */
    static String clickButton(String user, FakeSlackApi.PostedMessage message, String actionId, String responseUrl) {
        JsonObject element = element(blocksOf(message), actionId);
        require(element, "button", actionId);
        JsonObject action = action(element, actionId);
        action.add("text", element.get("text"));
        copy(element, action, "value");
        return inMessage(user, message, action, responseUrl);
    }

    /** A choice of the option {@code value} in the static select {@code actionId} of a message the bot posted. */
    static String chooseOption(String user, FakeSlackApi.PostedMessage message, String actionId, String value,
                               String responseUrl) {
        JsonObject element = element(blocksOf(message), actionId);
        require(element, "static_select", actionId);
        JsonObject action = action(element, actionId);
        action.add("selected_option", option(element, value));
        return inMessage(user, message, action, responseUrl);
    }

    /** A choice of {@code chosen} in the users select {@code actionId} of a message the bot posted. */
    static String chooseUser(String user, FakeSlackApi.PostedMessage message, String actionId, String chosen,
                             String responseUrl) {
        JsonObject element = element(blocksOf(message), actionId);
        require(element, "users_select", actionId);
        JsonObject action = action(element, actionId);
        action.addProperty("selected_user", chosen);
        return inMessage(user, message, action, responseUrl);
    }

    /** A click on the button {@code actionId} of a view (a modal or the Home tab). */
    static String clickButtonInView(String user, FakeSlackApi.View view, String actionId) {
        JsonObject element = element(view.json().getAsJsonArray("blocks"), actionId);
        require(element, "button", actionId);
        JsonObject action = action(element, actionId);
        action.add("text", element.get("text"));
        copy(element, action, "value");
        JsonObject p = base("block_actions", user);
        p.addProperty("trigger_id", Triggers.issue());
        JsonObject container = new JsonObject();
        container.addProperty("type", "view");
        container.addProperty("view_id", view.id());
        p.add("container", container);
        JsonObject v = view.json().deepCopy();
        v.addProperty("id", view.id());
        v.add("state", ViewForm.emptyState());
        p.add("view", v);
        JsonArray actions = new JsonArray();
        actions.add(action);
        p.add("actions", actions);
        return p.toString();
    }

    // ---------------------------------------------------------------- internals

    private static String inMessage(String user, FakeSlackApi.PostedMessage message, JsonObject action, String responseUrl) {
        JsonObject p = base("block_actions", user);
        p.addProperty("trigger_id", Triggers.issue());
        p.addProperty("response_url", responseUrl);
        JsonObject container = new JsonObject();
        container.addProperty("type", "message");
        container.addProperty("message_ts", message.ts());
        container.addProperty("channel_id", message.channel());
        container.addProperty("is_ephemeral", false);
        p.add("container", container);
        JsonObject ch = new JsonObject();
        ch.addProperty("id", message.channel());
        ch.addProperty("name", "channel");
        p.add("channel", ch);
        JsonObject m = new JsonObject();
        m.addProperty("type", "message");
        m.addProperty("user", FakeSlackApi.BOT_USER_ID);
        m.addProperty("bot_id", FakeSlackApi.BOT_ID);
        m.addProperty("ts", message.ts());
        m.addProperty("text", message.text());
        m.add("blocks", blocksOf(message));
        p.add("message", m);
        JsonArray actions = new JsonArray();
        actions.add(action);
        p.add("actions", actions);
        return p.toString();
    }

    static JsonObject base(String type, String user) {
        JsonObject p = new JsonObject();
        p.addProperty("type", type);
        p.addProperty("token", "legacy-verification-token");
        p.addProperty("api_app_id", SlackPayloads.APP);
        p.addProperty("is_enterprise_install", false);
        JsonObject team = new JsonObject();
        team.addProperty("id", SlackPayloads.TEAM);
        team.addProperty("domain", "example");
        p.add("team", team);
        JsonObject u = new JsonObject();
        u.addProperty("id", user);
        u.addProperty("username", user.toLowerCase());
        u.addProperty("name", user.toLowerCase());
        u.addProperty("team_id", SlackPayloads.TEAM);
        p.add("user", u);
        return p;
    }

    private static JsonArray blocksOf(FakeSlackApi.PostedMessage message) {
        if (message.blocksJson() == null) {
            throw new AssertionError("message " + message.ts() + " has no blocks, so no controls");
        }
        return JsonParser.parseString(message.blocksJson()).getAsJsonArray();
    }

    /** The interactive element {@code actionId}, with its block's id added as {@code _block_id}. */
    private static JsonObject element(JsonArray blocks, String actionId) {
        for (JsonElement b : blocks) {
            JsonObject block = b.getAsJsonObject();
            for (JsonElement e : elementsOf(block)) {
                JsonObject element = e.getAsJsonObject();
                if (element.has("action_id") && actionId.equals(element.get("action_id").getAsString())) {
                    JsonObject copy = element.deepCopy();
                    copy.addProperty("_block_id", block.has("block_id") ? block.get("block_id").getAsString() : "b");
                    return copy;
                }
            }
        }
        throw new AssertionError("no element with action_id " + actionId + " in " + blocks);
    }

    private static JsonArray elementsOf(JsonObject block) {
        JsonArray all = new JsonArray();
        if (block.has("elements") && block.get("elements").isJsonArray()) {
            all.addAll(block.getAsJsonArray("elements"));
        }
        if (block.has("accessory")) {
            all.add(block.get("accessory"));
        }
        if (block.has("element")) {
            all.add(block.get("element"));
        }
        return all;
    }

    private static void require(JsonObject element, String type, String actionId) {
        String actual = element.get("type").getAsString();
        if (!type.equals(actual)) {
            throw new AssertionError(actionId + " is a " + actual + ", not a " + type);
        }
    }

    private static JsonObject action(JsonObject element, String actionId) {
        JsonObject action = new JsonObject();
        action.addProperty("action_id", actionId);
        action.addProperty("block_id", element.get("_block_id").getAsString());
        action.addProperty("type", element.get("type").getAsString());
        action.addProperty("action_ts", nowTs());
        return action;
    }

    /** The option whose value is {@code value}, as the select offers it; a test cannot choose what is not offered. */
    static JsonObject option(JsonObject element, String value) {
        Optional<JsonObject> found = Optional.empty();
        if (element.has("options")) {
            for (JsonElement o : element.getAsJsonArray("options")) {
                if (value.equals(o.getAsJsonObject().get("value").getAsString())) {
                    found = Optional.of(o.getAsJsonObject().deepCopy());
                }
            }
        }
        return found.orElseThrow(() -> new AssertionError("the select offers no option " + value + ": " + element));
    }

    private static void copy(JsonObject from, JsonObject to, String field) {
        if (from.has(field)) {
            to.add(field, from.get(field));
        }
    }

    private static String nowTs() {
        long micros = System.currentTimeMillis() * 1000;
        return micros / 1_000_000 + "." + String.format("%06d", micros % 1_000_000);
    }
}
