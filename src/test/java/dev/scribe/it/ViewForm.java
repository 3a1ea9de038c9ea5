package dev.scribe.it;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import dev.scribe.testing.FakeSlackApi;
import dev.scribe.testing.Triggers;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A person filling in a modal the bot opened, and the {@code view_submission} Slack sends when they press its submit
 * button. Only inputs the view has can be filled, and only with options it offers; like Slack's client, the form
 * refuses to submit with a required input left empty or a text longer than its {@code max_length}, unless
 * {@link #bypassingTheClient()} is called (a forged or malformed payload). Inputs left alone are sent as Slack sends
 * them: their initial value, or none.
 */
final class ViewForm {

    private final FakeSlackApi.View view;
    private final Map<String, JsonObject> inputs = new LinkedHashMap<>();
    private final Map<String, JsonObject> values = new LinkedHashMap<>();
    private boolean checked = true;

    private ViewForm(FakeSlackApi.View view) {
        this.view = view;
        for (JsonElement b : view.json().getAsJsonArray("blocks")) {
            JsonObject block = b.getAsJsonObject();
            if ("input".equals(block.get("type").getAsString())) {
                if (!block.has("block_id")) {
                    throw new AssertionError("an input block without a block_id cannot be read back: " + block);
                }
                inputs.put(block.get("block_id").getAsString(), block);
            }
        }
    }

    static ViewForm of(FakeSlackApi.View view) {
        return new ViewForm(view);
    }

    /** Types {@code text} into the text input of block {@code blockId}. */
    ViewForm text(String blockId, String text) {
        JsonObject element = element(blockId, "plain_text_input");
        JsonObject value = value(element);
        value.addProperty("value", text);
        values.put(blockId, value);
        return this;
    }

    /** Chooses the option {@code optionValue} of the static select or radio buttons of block {@code blockId}. */
    ViewForm select(String blockId, String optionValue) {
        JsonObject element = element(blockId, null);
        String type = element.get("type").getAsString();
        if (!type.equals("static_select") && !type.equals("radio_buttons")) {
            throw new AssertionError(blockId + " holds a " + type + ", not a select");
        }
        JsonObject value = value(element);
        value.add("selected_option", Interactions.option(element, optionValue));
        values.put(blockId, value);
        return this;
    }

    /** Chooses {@code userId} in the users select of block {@code blockId}. */
    ViewForm user(String blockId, String userId) {
        JsonObject value = value(element(blockId, "users_select"));
        value.addProperty("selected_user", userId);
        values.put(blockId, value);
        return this;
    }

    /** Ticks the checkboxes {@code optionValues} of block {@code blockId} (none: unticks them all). */
    ViewForm check(String blockId, String... optionValues) {
        JsonObject element = element(blockId, "checkboxes");
        JsonObject value = value(element);
        JsonArray selected = new JsonArray();
        for (String v : optionValues) {
            selected.add(Interactions.option(element, v));
        }
        value.add("selected_options", selected);
        values.put(blockId, value);
        return this;
    }

    /** Sends whatever is filled in, as a forged or broken client would: no required or length checks. */
    ViewForm bypassingTheClient() {
        checked = false;
        return this;
    }

    /** The view_submission payload of {@code user} pressing submit. */
    String submission(String user) {
        JsonObject state = new JsonObject();
        JsonObject byBlock = new JsonObject();
        inputs.forEach((blockId, block) -> {
            JsonObject element = block.getAsJsonObject("element");
            JsonObject value = values.getOrDefault(blockId, initial(element));
            boolean optional = block.has("optional") && block.get("optional").getAsBoolean();
            if (checked && !optional && empty(value)) {
                throw new AssertionError("Slack's client does not submit with the required input " + blockId + " empty");
            }
            if (checked && element.has("max_length") && value.has("value") && !value.get("value").isJsonNull()
                    && value.get("value").getAsString().length() > element.get("max_length").getAsInt()) {
                throw new AssertionError("Slack's client does not submit " + blockId + " over its max_length");
            }
            JsonObject byAction = new JsonObject();
            byAction.add(element.get("action_id").getAsString(), value);
            byBlock.add(blockId, byAction);
        });
        state.add("values", byBlock);
        JsonObject p = Interactions.base("view_submission", user);
        p.addProperty("trigger_id", Triggers.issue());
        JsonObject v = view.json().deepCopy();
        v.addProperty("id", view.id());
        v.addProperty("team_id", SlackPayloads.TEAM);
        v.addProperty("app_id", SlackPayloads.APP);
        v.add("state", state);
        p.add("view", v);
        p.add("response_urls", new JsonArray());
        return p.toString();
    }

    /** A view's state with nothing in it (the state of a view with no inputs, or a view closed unsubmitted). */
    static JsonObject emptyState() {
        JsonObject state = new JsonObject();
        state.add("values", new JsonObject());
        return state;
    }

    private JsonObject element(String blockId, String type) {
        JsonObject block = inputs.get(blockId);
        if (block == null) {
            throw new AssertionError("the view " + view.callbackId() + " has no input " + blockId + "; it has " + inputs.keySet());
        }
        JsonObject element = block.getAsJsonObject("element");
        if (type != null && !type.equals(element.get("type").getAsString())) {
            throw new AssertionError(blockId + " holds a " + element.get("type").getAsString() + ", not a " + type);
        }
        return element;
    }

    private static JsonObject value(JsonObject element) {
        JsonObject value = new JsonObject();
        value.addProperty("type", element.get("type").getAsString());
        return value;
    }

    /** What Slack reports for an input nobody touched: its initial value, or nothing. */
    private static JsonObject initial(JsonObject element) {
        JsonObject value = value(element);
        switch (element.get("type").getAsString()) {
            case "plain_text_input" -> value.add("value",
                    element.has("initial_value") ? element.get("initial_value") : JsonNull.INSTANCE);
            case "static_select", "radio_buttons" -> value.add("selected_option",
                    element.has("initial_option") ? element.get("initial_option") : JsonNull.INSTANCE);
            case "users_select" -> value.add("selected_user",
                    element.has("initial_user") ? element.get("initial_user") : JsonNull.INSTANCE);
            case "checkboxes" -> value.add("selected_options",
                    element.has("initial_options") ? element.get("initial_options") : new JsonArray());
            default -> {
                // other inputs: nothing
            }
        }
        return value;
    }

    private static boolean empty(JsonObject value) {
        for (String field : new String[] {"value", "selected_option", "selected_user"}) {
            if (value.has(field)) {
                JsonElement v = value.get(field);
                return v.isJsonNull() || v.isJsonPrimitive() && v.getAsString().isEmpty();
            }
        }
        return false;
    }
}
