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
 * Slack's Block Kit rules for messages, as a pure function: blocks in, violations out, no HTTP. The fake answers
 * a message whose blocks break one with {@code invalid_blocks} (or {@code msg_blocks_too_long}); tests of the
 * product's own Block Kit can call it directly.
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

    /** Block types a message may carry ({@code input} belongs to modals and is refused in messages, as Slack does). */
    private static final Set<String> MESSAGE_BLOCK_TYPES = Set.of("section", "header", "context", "divider", "actions",
            "image", "rich_text", "markdown", "file", "video", "table", "context_actions");
    private static final Set<String> TEXT_TYPES = Set.of("plain_text", "mrkdwn");

    /**
     * One broken rule: Slack's error string ({@code invalid_blocks} or {@code msg_blocks_too_long}), what is wrong,
     * and where, as a JSON pointer into the blocks ({@code ""} for the whole array).
     */
    public record Violation(String error, String message, String pointer) {

        /** As Slack words it in {@code response_metadata.messages}. */
        public String slackMessage() {
            return "[ERROR] " + message + " [json-pointer:/blocks" + pointer + "]";
        }
    }

    private final List<Violation> found = new ArrayList<>();
    private final Set<String> blockIds = new HashSet<>();

    private BlockKit() {
    }

    /** Every rule of a message's {@code blocks} value that {@code blocks} breaks; empty when Slack would take it. */
    public static List<Violation> violations(JsonElement blocks) {
        BlockKit check = new BlockKit();
        check.message(blocks);
        return List.copyOf(check.found);
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
        if (type == null || !MESSAGE_BLOCK_TYPES.contains(type)) {
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
            case "actions" -> elements(block, at, MAX_ACTIONS_ELEMENTS);
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
        found.add(new Violation(FakeSlackApi.Errors.INVALID_BLOCKS, message, pointer));
    }
}
