package dev.scribe.testing;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Slack's Block Kit rules for messages and views (modals, the Home tab), as a pure function: blocks in, violations
 * out, no HTTP. The fake answers a message whose blocks break one with {@code invalid_blocks} (or
 * {@code msg_blocks_too_long}), and a view that breaks one with {@code invalid_arguments}; tests of the product's own
 * Block Kit can call it directly.
 *
 * <p>Lengths are counted with {@link String#length()} (UTF-16 units), which is what Slack's limits are close to.
 */
public final class BlockKit {

    public static final int MAX_BLOCKS = 50;
    public static final int MAX_SECTION_TEXT = 3000;
    public static final int MAX_SECTION_FIELDS = 10;
    public static final int MAX_FIELD_TEXT = 2000;
    public static final int MAX_HEADER_TEXT = 150;
    public static final int MAX_CONTEXT_ELEMENTS = 10;
    public static final int MAX_ACTIONS_ELEMENTS = 25;
    public static final int MAX_MARKDOWN_BLOCK_TEXT = 12000;
    public static final int MAX_IMAGE_ALT_TEXT = 2000;
    /** Sum of every {@code text} string in a message's blocks. */
    public static final int MAX_BLOCKS_TOTAL_TEXT = 12000;
    public static final int MAX_BLOCK_ID = 255;
    public static final int MAX_VIEW_BLOCKS = 100;
    /** A modal's title, and its submit and close buttons' texts. */
    public static final int MAX_VIEW_TITLE = 24;
    public static final int MAX_PRIVATE_METADATA = 3000;
    public static final int MAX_CALLBACK_ID = 255;
    public static final int MAX_INPUT_LABEL = 2000;
    public static final int MAX_INPUT_HINT = 2000;
    public static final int MAX_PLACEHOLDER = 150;
    public static final int MAX_STATIC_OPTIONS = 100;
    public static final int MAX_CHOICE_OPTIONS = 10;
    public static final int MAX_OPTION_TEXT = 75;
    public static final int MAX_OPTION_VALUE = 150;
    public static final int MAX_BUTTON_TEXT = 75;
    public static final int MAX_BUTTON_VALUE = 2000;
    public static final int MAX_ACTION_ID = 255;
    public static final int MAX_INPUT_LENGTH = 3000;

    /** Block types a message may carry ({@code input} belongs to modals and is refused in messages, as Slack does). */
    private static final Set<String> MESSAGE_BLOCK_TYPES = Set.of("section", "header", "context", "divider", "actions",
            "image", "rich_text", "markdown", "file", "video", "table", "context_actions");
    private static final Set<String> TEXT_TYPES = Set.of("plain_text", "mrkdwn");
    /** A view may also carry input blocks. */
    private static final Set<String> VIEW_BLOCK_TYPES = union(MESSAGE_BLOCK_TYPES, Set.of("input"));
    private static final Set<String> INPUT_ELEMENTS = Set.of("plain_text_input", "static_select",
            "multi_static_select", "users_select", "multi_users_select", "conversations_select", "channels_select",
            "checkboxes", "radio_buttons", "datepicker", "timepicker", "datetimepicker", "number_input",
            "email_text_input", "url_text_input", "rich_text_input");

    /**
     * One broken rule: Slack's error string ({@code invalid_blocks} or {@code msg_blocks_too_long}), what is wrong,
     * and where, as a JSON pointer into the blocks ({@code ""} for the whole array).
     */
    public record Violation(String error, String message, String pointer, String root) {

        /** A violation in a message's blocks, its pointer relative to them. */
        public Violation(String error, String message, String pointer) {
            this(error, message, pointer, "/blocks");
        }

        /** As Slack words it in {@code response_metadata.messages}. */
        public String slackMessage() {
            return "[ERROR] " + message + " [json-pointer:" + root + pointer + "]";
        }
    }

    private final List<Violation> found = new ArrayList<>();
    private final Set<String> blockIds = new HashSet<>();
    private final Set<String> blockTypes;
    private final String root;
    private final String invalidError;

    private BlockKit(Set<String> blockTypes, String root, String invalidError) {
        this.blockTypes = blockTypes;
        this.root = root;
        this.invalidError = invalidError;
    }

    /** Every rule of a message's {@code blocks} value that {@code blocks} breaks; empty when Slack would take it. */
    public static List<Violation> violations(JsonElement blocks) {
        BlockKit check = new BlockKit(MESSAGE_BLOCK_TYPES, "/blocks", FakeSlackApi.Errors.INVALID_BLOCKS);
        check.message(blocks);
        return List.copyOf(check.found);
    }

    /**
     * Every rule a view breaks; {@code type} is the one the method needs ({@code modal} for views.open, push and
     * update, {@code home} for views.publish). Pointers are relative to the view.
     */
    public static List<Violation> viewViolations(JsonElement view, String type) {
        BlockKit check = new BlockKit(VIEW_BLOCK_TYPES, "/view", FakeSlackApi.Errors.INVALID_ARGUMENTS);
        check.view(view, type);
        return List.copyOf(check.found);
    }

    private void view(JsonElement parsed, String type) {
        if (parsed == null || !parsed.isJsonObject()) {
            invalid("must be an object", "");
            return;
        }
        JsonObject view = parsed.getAsJsonObject();
        if (!type.equals(Json.stringOrNull(view, "type"))) {
            invalid("must be a " + type + " view", "/type");
            return;
        }
        if ("modal".equals(type)) {
            textObject(view.get("title"), "/title", true, MAX_VIEW_TITLE);
            if (view.has("submit")) {
                textObject(view.get("submit"), "/submit", true, MAX_VIEW_TITLE);
            }
            if (view.has("close")) {
                textObject(view.get("close"), "/close", true, MAX_VIEW_TITLE);
            }
        }
        maxLength(view, "callback_id", MAX_CALLBACK_ID, "");
        maxLength(view, "external_id", MAX_CALLBACK_ID, "");
        maxLength(view, "private_metadata", MAX_PRIVATE_METADATA, "");
        JsonElement blocks = view.get("blocks");
        if (blocks == null || !blocks.isJsonArray()) {
            invalid("must provide blocks", "/blocks");
            return;
        }
        JsonArray list = blocks.getAsJsonArray();
        if (list.size() > MAX_VIEW_BLOCKS) {
            invalid("must provide less than or equal to " + MAX_VIEW_BLOCKS + " items", "/blocks");
            return;
        }
        boolean hasInput = false;
        for (int i = 0; i < list.size(); i++) {
            block(list.get(i), "/blocks/" + i);
            hasInput |= list.get(i).isJsonObject() && "input".equals(Json.stringOrNull(list.get(i).getAsJsonObject(), "type"));
        }
        if (hasInput && "modal".equals(type) && !view.has("submit")) {
            invalid("submit is required when an input block is within the blocks array", "/submit");
        }
    }

    private void message(JsonElement parsed) {
        if (!parsed.isJsonArray()) {
            invalid("must be an array", "");
            return;
        }
        JsonArray blocks = parsed.getAsJsonArray();
        if (blocks.size() > MAX_BLOCKS) {
            invalid("must provide less than or equal to " + MAX_BLOCKS + " items", "");
            return;
        }
        for (int i = 0; i < blocks.size(); i++) {
            block(blocks.get(i), "/" + i);
        }
        if (found.isEmpty() && totalText(blocks) > MAX_BLOCKS_TOTAL_TEXT) {
            found.add(new Violation(FakeSlackApi.Errors.MSG_BLOCKS_TOO_LONG,
                    "the text of all blocks must be at most " + MAX_BLOCKS_TOTAL_TEXT + " characters", ""));
        }
    }

    private void block(JsonElement element, String at) {
        if (!element.isJsonObject()) {
            invalid("must be an object", at);
            return;
        }
        JsonObject block = element.getAsJsonObject();
        String type = Json.stringOrNull(block, "type");
        if (type == null || !blockTypes.contains(type)) {
            invalid("unsupported type " + type, at + "/type");
            return;
        }
        if (block.has("block_id")) {
            String id = Json.stringOrNull(block, "block_id");
            if (id == null || id.isEmpty() || id.length() > MAX_BLOCK_ID || !blockIds.add(id)) {
                invalid("block_id must be unique and 1.." + MAX_BLOCK_ID + " characters", at + "/block_id");
            }
        }
        switch (type) {
            case "section" -> section(block, at);
            case "header" -> textObject(block.get("text"), at + "/text", true, MAX_HEADER_TEXT);
            case "context" -> context(block, at);
            case "actions" -> interactiveElements(elements(block, at, MAX_ACTIONS_ELEMENTS), at + "/elements");
            case "input" -> input(block, at);
            case "image" -> image(block, at);
            case "markdown" -> markdown(block, at);
            case "rich_text" -> elements(block, at, Integer.MAX_VALUE);
            default -> {
                // divider, file, video, table, context_actions: nothing this fake checks
            }
        }
    }

    private void section(JsonObject block, String at) {
        JsonElement text = block.get("text");
        JsonElement fields = block.get("fields");
        if (text == null && fields == null) {
            invalid("must provide text or fields", at);
            return;
        }
        if (text != null) {
            textObject(text, at + "/text", false, MAX_SECTION_TEXT);
        }
        if (fields != null) {
            if (!fields.isJsonArray() || fields.getAsJsonArray().isEmpty()
                    || fields.getAsJsonArray().size() > MAX_SECTION_FIELDS) {
                invalid("must provide 1.." + MAX_SECTION_FIELDS + " fields", at + "/fields");
                return;
            }
            JsonArray list = fields.getAsJsonArray();
            for (int i = 0; i < list.size(); i++) {
                textObject(list.get(i), at + "/fields/" + i, false, MAX_FIELD_TEXT);
            }
        }
        if (block.has("accessory")) {
            element(block.get("accessory"), at + "/accessory", new HashSet<>());
        }
    }

    private void input(JsonObject block, String at) {
        textObject(block.get("label"), at + "/label", true, MAX_INPUT_LABEL);
        if (block.has("hint")) {
            textObject(block.get("hint"), at + "/hint", true, MAX_INPUT_HINT);
        }
        JsonElement element = block.get("element");
        String type = element != null && element.isJsonObject() ? Json.stringOrNull(element.getAsJsonObject(), "type") : null;
        if (type == null || !INPUT_ELEMENTS.contains(type)) {
            invalid("must provide an input element", at + "/element");
            return;
        }
        element(element, at + "/element", new HashSet<>());
    }

    private void interactiveElements(JsonArray elements, String at) {
        Set<String> actionIds = new HashSet<>();
        for (int i = 0; i < elements.size(); i++) {
            element(elements.get(i), at + "/" + i, actionIds);
        }
    }

    /** An interactive element (button, select, input ...): its texts, options and ids. */
    private void element(JsonElement parsed, String at, Set<String> actionIds) {
        if (!parsed.isJsonObject()) {
            invalid("must be an object", at);
            return;
        }
        JsonObject e = parsed.getAsJsonObject();
        String type = Json.stringOrNull(e, "type");
        if (type == null) {
            invalid("must provide a type", at + "/type");
            return;
        }
        if (e.has("action_id")) {
            String id = Json.stringOrNull(e, "action_id");
            if (id == null || id.isEmpty() || id.length() > MAX_ACTION_ID || !actionIds.add(id)) {
                invalid("action_id must be unique in its block and 1.." + MAX_ACTION_ID + " characters", at + "/action_id");
            }
        }
        if (e.has("placeholder")) {
            textObject(e.get("placeholder"), at + "/placeholder", true, MAX_PLACEHOLDER);
        }
        switch (type) {
            case "button" -> {
                textObject(e.get("text"), at + "/text", true, MAX_BUTTON_TEXT);
                maxLength(e, "value", MAX_BUTTON_VALUE, at);
            }
            case "static_select", "multi_static_select" -> options(e, at, MAX_STATIC_OPTIONS);
            case "checkboxes", "radio_buttons" -> options(e, at, MAX_CHOICE_OPTIONS);
            case "plain_text_input" -> {
                JsonElement max = e.get("max_length");
                if (max != null && (!max.isJsonPrimitive() || max.getAsInt() < 1 || max.getAsInt() > MAX_INPUT_LENGTH)) {
                    invalid("max_length must be 1.." + MAX_INPUT_LENGTH, at + "/max_length");
                }
            }
            default -> {
                // users_select, conversations_select, pickers ...: nothing more this fake checks
            }
        }
    }

    /** A select's or choice's options: 1..max, each text and value within Slack's lengths; an initial one among them. */
    private void options(JsonObject element, String at, int max) {
        JsonElement options = element.get("options");
        if (options == null && element.has("option_groups")) {
            return;
        }
        if (options == null || !options.isJsonArray() || options.getAsJsonArray().isEmpty()
                || options.getAsJsonArray().size() > max) {
            invalid("must provide 1.." + max + " options", at + "/options");
            return;
        }
        JsonArray list = options.getAsJsonArray();
        Set<String> values = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            String o = at + "/options/" + i;
            if (!list.get(i).isJsonObject()) {
                invalid("must be an object", o);
                continue;
            }
            JsonObject option = list.get(i).getAsJsonObject();
            textObject(option.get("text"), o + "/text", false, MAX_OPTION_TEXT);
            String value = Json.stringOrNull(option, "value");
            if (value == null || value.isEmpty() || value.length() > MAX_OPTION_VALUE) {
                invalid("value must be 1.." + MAX_OPTION_VALUE + " characters", o + "/value");
            } else {
                values.add(value);
            }
        }
        JsonElement initial = element.get("initial_option");
        if (initial != null && (!initial.isJsonObject()
                || !values.contains(Json.stringOrNull(initial.getAsJsonObject(), "value")))) {
            invalid("initial_option must be one of the options", at + "/initial_option");
        }
    }

    private void maxLength(JsonObject o, String field, int max, String at) {
        if (o.has(field)) {
            JsonElement v = o.get(field);
            if (!v.isJsonPrimitive() || v.getAsString().length() > max) {
                invalid("must be at most " + max + " characters", at + "/" + field);
            }
        }
    }

    private void context(JsonObject block, String at) {
        JsonArray elements = elements(block, at, MAX_CONTEXT_ELEMENTS);
        for (int i = 0; i < elements.size(); i++) {
            JsonElement e = elements.get(i);
            String type = e.isJsonObject() ? Json.stringOrNull(e.getAsJsonObject(), "type") : null;
            if (!"image".equals(type)) {
                textObject(e, at + "/elements/" + i, false, MAX_SECTION_TEXT);
            }
        }
    }

    /** The block's elements; an empty array (and a violation) when there are none or too many. */
    private JsonArray elements(JsonObject block, String at, int max) {
        JsonElement elements = block.get("elements");
        if (elements == null || !elements.isJsonArray() || elements.getAsJsonArray().isEmpty()
                || elements.getAsJsonArray().size() > max) {
            invalid("must provide 1.." + max + " elements", at + "/elements");
            return new JsonArray();
        }
        return elements.getAsJsonArray();
    }

    private void image(JsonObject block, String at) {
        if (Json.stringOrNull(block, "image_url") == null && !block.has("slack_file")) {
            invalid("must provide image_url or slack_file", at);
        }
        String alt = Json.stringOrNull(block, "alt_text");
        if (alt == null || alt.isEmpty() || alt.length() > MAX_IMAGE_ALT_TEXT) {
            invalid("must provide alt_text of 1.." + MAX_IMAGE_ALT_TEXT + " characters", at + "/alt_text");
        }
    }

    private void markdown(JsonObject block, String at) {
        String text = Json.stringOrNull(block, "text");
        if (text == null || text.isEmpty() || text.length() > MAX_MARKDOWN_BLOCK_TEXT) {
            invalid("must provide text of 1.." + MAX_MARKDOWN_BLOCK_TEXT + " characters", at + "/text");
        }
    }

    private void textObject(JsonElement element, String at, boolean plainOnly, int max) {
        if (element == null || !element.isJsonObject()) {
            invalid("must be a text object", at);
            return;
        }
        JsonObject o = element.getAsJsonObject();
        String type = Json.stringOrNull(o, "type");
        if (type == null || !TEXT_TYPES.contains(type) || plainOnly && !"plain_text".equals(type)) {
            invalid("must be " + (plainOnly ? "plain_text" : "plain_text or mrkdwn"), at + "/type");
            return;
        }
        String text = Json.stringOrNull(o, "text");
        if (text == null || text.isEmpty()) {
            invalid("must be more than 0 characters", at + "/text");
        } else if (text.length() > max) {
            invalid("must be less than " + (max + 1) + " characters", at + "/text");
        }
    }

    /** Every string under a "text" key, at any depth. */
    private static long totalText(JsonElement e) {
        long total = 0;
        if (e.isJsonArray()) {
            for (JsonElement x : e.getAsJsonArray()) {
                total += totalText(x);
            }
        } else if (e.isJsonObject()) {
            for (Map.Entry<String, JsonElement> x : e.getAsJsonObject().entrySet()) {
                JsonElement v = x.getValue();
                total += "text".equals(x.getKey()) && v.isJsonPrimitive() ? v.getAsString().length() : totalText(v);
            }
        }
        return total;
    }

    private void invalid(String message, String pointer) {
        found.add(new Violation(invalidError, message, pointer, root));
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new HashSet<>(a);
        all.addAll(b);
        return Set.copyOf(all);
    }
}
