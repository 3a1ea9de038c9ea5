package dev.scribe.testing;

import static dev.scribe.testing.FakeSlackApi.BOT_USER_ID;
import static dev.scribe.testing.FakeWorkspace.messageJson;
import static dev.scribe.testing.Json.obj;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.scribe.testing.FakeSlackApi.Errors;
import dev.scribe.testing.FakeWorkspace.ChannelState;
import dev.scribe.testing.FakeWorkspace.StoredMessage;
import java.util.List;

/**
 * chat.postMessage and chat.update (headers, announcements, the report's parts), chat.getPermalink (messages added to a
 * timeline) and pins.add (the header).
 */
final class ChatMethods implements WebApiMethods.Family {

    public static final int MAX_MESSAGE_TEXT = 40000;
    public static final int MAX_PINS = 100;

    private final FakeWorkspace workspace;

    ChatMethods(FakeWorkspace workspace) {
        this.workspace = workspace;
    }

    @Override
    public void registerIn(WebApiMethods methods) {
        methods.register("chat.postMessage", this::postMessage)
                .register("chat.update", this::update)
                .register("chat.getPermalink", this::permalink)
                .register("pins.add", this::pinsAdd);
    }

    private JsonObject postMessage(Params p) {
        ChannelState ch = workspace.postTarget(p.get("channel"));
        Content content = content(p);
        JsonObject metadata = metadata(p.get("metadata"));
        String threadTs = FakeWorkspace.threadOf(ch, p.get("thread_ts"));
        StoredMessage m = new StoredMessage(ch.id, workspace.nextTs(), threadTs, BOT_USER_ID, content.text(),
                content.blocksJson(), metadata);
        ch.messages.add(m);
        return obj("channel", ch.id, "ts", m.ts, "message", messageJson(ch, m, true));
    }

    private JsonObject update(Params p) {
        ChannelState ch = workspace.writableChannel(p.get("channel"));
        String ts = p.get("ts");
        StoredMessage m = ts == null ? null : ch.message(ts).orElse(null);
        if (m == null) {
            throw SlackRefusal.of(Errors.MESSAGE_NOT_FOUND);
        }
        if (!BOT_USER_ID.equals(m.user)) {
            throw SlackRefusal.of(Errors.CANT_UPDATE_MESSAGE);
        }
        boolean blocksGiven = p.has("blocks");
        Content content = blocksGiven || p.get("text") != null || p.get("markdown_text") != null ? content(p) : null;
        if (content == null) {
            throw SlackRefusal.of(Errors.NO_TEXT);
        }
        // Slack keeps what an update leaves out: no blocks field keeps the blocks, "[]" removes them.
        if (p.get("text") != null || p.get("markdown_text") != null) {
            m.text = content.text();
        }
        if (blocksGiven) {
            m.blocksJson = content.blocksJson();
        }
        if (p.has("metadata")) {
            m.metadata = metadata(p.get("metadata"));
        }
        m.edits++;
        m.editedTs = workspace.nextTs();
        return obj("channel", ch.id, "ts", m.ts, "text", m.text, "message", messageJson(ch, m, true));
    }

    /**
     * A message's link, as Slack answers it: any message of a channel the bot can see (a public channel whether or not
     * it is a member; a private one or a DM only when it is in it), a thread reply's with its thread.
     */
    private JsonObject permalink(Params p) {
        String channel = p.get("channel");
        String ts = p.get("message_ts");
        if (channel == null || ts == null) {
            throw new SlackRefusal(Errors.INVALID_ARGUMENTS, obj("response_metadata", obj("messages",
                    Json.array("[ERROR] missing required field: " + (channel == null ? "channel" : "message_ts")))));
        }
        ChannelState ch = workspace.visibleChannel(channel);
        StoredMessage m = ch.message(ts).orElseThrow(() -> SlackRefusal.of(Errors.MESSAGE_NOT_FOUND));
        String link = FakeSlackApi.WORKSPACE_URL + "archives/" + ch.id + "/p" + m.ts.replace(".", "");
        if (m.threadTs != null && !m.threadTs.equals(m.ts)) {
            link += "?thread_ts=" + m.threadTs + "&cid=" + ch.id;
        }
        return obj("channel", ch.id, "permalink", link);
    }

    private JsonObject pinsAdd(Params p) {
        ChannelState ch = workspace.visibleChannel(p.get("channel"));
        if (ch.archived) {
            throw SlackRefusal.of(Errors.IS_ARCHIVED);
        }
        String ts = p.get("timestamp");
        if (ts == null) {
            throw SlackRefusal.of(Errors.NO_ITEM_SPECIFIED);
        }
        if (ch.message(ts).isEmpty()) {
            throw SlackRefusal.of(Errors.MESSAGE_NOT_FOUND);
        }
        if (ch.pins.contains(ts)) {
            throw SlackRefusal.of(Errors.ALREADY_PINNED);
        }
        if (ch.pins.size() >= MAX_PINS) {
            throw SlackRefusal.of(Errors.TOO_MANY_PINS);
        }
        ch.pins.add(ts);
        return new JsonObject();
    }

    private record Content(String text, String blocksJson) {
    }

    /** text / markdown_text / blocks / attachments as Slack checks them: something to show, blocks valid, sizes kept. */
    private static Content content(Params p) {
        String text = p.get("text");
        String markdown = p.get("markdown_text");
        String blocks = p.raw("blocks");
        if (markdown != null && (text != null || (blocks != null && !blocks.isBlank()))) {
            throw SlackRefusal.of(Errors.MARKDOWN_TEXT_CONFLICT);
        }
        boolean hasBlocks = false;
        if (blocks != null && !blocks.isBlank()) {
            JsonElement parsed;
            try {
                parsed = JsonParser.parseString(blocks);
            } catch (JsonParseException e) {
                throw SlackRefusal.of(Errors.INVALID_BLOCKS_FORMAT);
            }
            requireValidBlocks(parsed);
            hasBlocks = !parsed.getAsJsonArray().isEmpty();
        }
        String shown = markdown != null ? markdown : text;
        if (shown == null && !hasBlocks && p.get("attachments") == null) {
            throw SlackRefusal.of(Errors.NO_TEXT);
        }
        if (shown != null && shown.length() > MAX_MESSAGE_TEXT) {
            throw SlackRefusal.of(Errors.MSG_TOO_LONG);
        }
        return new Content(shown == null ? "" : shown, hasBlocks ? blocks : null);
    }

    /**
     * Refuses blocks that break a Block Kit rule as Slack does: {@code invalid_blocks} with every violation in
     * {@code response_metadata.messages}, or {@code msg_blocks_too_long} for text over the whole message's limit.
     */
    static void requireValidBlocks(JsonElement blocks) {
        List<BlockKit.Violation> violations = BlockKit.violations(blocks);
        if (violations.isEmpty()) {
            return;
        }
        String error = violations.get(0).error();
        if (Errors.MSG_BLOCKS_TOO_LONG.equals(error)) {
            throw SlackRefusal.of(error);
        }
        String[] messages = violations.stream().map(BlockKit.Violation::slackMessage).toArray(String[]::new);
        throw new SlackRefusal(error, obj("response_metadata", obj("messages", Json.array(messages))));
    }

    private static JsonObject metadata(String json) {
        if (json == null) {
            return null;
        }
        try {
            JsonElement e = JsonParser.parseString(json);
            if (e.isJsonObject() && Json.stringOrNull(e.getAsJsonObject(), "event_type") != null
                    && e.getAsJsonObject().get("event_payload") != null
                    && e.getAsJsonObject().get("event_payload").isJsonObject()) {
                return e.getAsJsonObject();
            }
        } catch (JsonParseException ignored) {
            // falls through to the refusal
        }
        throw SlackRefusal.of(Errors.INVALID_METADATA_FORMAT);
    }
}
