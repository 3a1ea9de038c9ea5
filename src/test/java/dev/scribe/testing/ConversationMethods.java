package dev.scribe.testing;

import static dev.scribe.testing.FakeSlackApi.BOT_USER_ID;
import static dev.scribe.testing.FakeWorkspace.BY_TS;
import static dev.scribe.testing.FakeWorkspace.compareTs;
import static dev.scribe.testing.FakeWorkspace.messageJson;
import static dev.scribe.testing.Json.array;
import static dev.scribe.testing.Json.obj;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.scribe.testing.FakeSlackApi.Errors;
import dev.scribe.testing.FakeWorkspace.ChannelState;
import dev.scribe.testing.FakeWorkspace.StoredMessage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;

/**
 * conversations.create, invite and join (the incident channel and its people), open (a direct message to tell a
 * person a report could not be posted), history and replies (the outbox's look-up of what it posted, paged as Slack
 * pages), info, members and list (who may see a private incident's web page, and which channels are public).
 */
final class ConversationMethods implements WebApiMethods.Family {

    static final int MAX_CHANNEL_NAME = 80;
    private static final Pattern CHANNEL_NAME_CHARS = Pattern.compile("[a-z0-9_-]+");
    private static final Pattern ONLY_PUNCTUATION = Pattern.compile("[_-]+");

    private final FakeWorkspace workspace;

    ConversationMethods(FakeWorkspace workspace) {
        this.workspace = workspace;
    }

    @Override
    public void registerIn(WebApiMethods methods) {
        methods.register("conversations.create", this::create)
                .register("conversations.invite", this::invite)
                .register("conversations.join", this::join)
                .register("conversations.history", this::history)
                .register("conversations.replies", this::replies)
                .register("conversations.info", this::info)
                .register("conversations.members", this::members)
                .register("conversations.list", this::list)
                .register("conversations.open", this::open);
    }

    /**
     * The direct message with one member (what the bot opens to tell a person something), created on first use and
     * the same one after. Several users would open a group DM, which the product never does: refused here.
     */
    private JsonObject open(Params p) {
        String users = p.get("users");
        if (users == null || users.isBlank()) {
            if (p.get("channel") != null) {
                ChannelState ch = workspace.visibleChannel(p.get("channel"));
                if (ch.imUser == null) {
                    throw SlackRefusal.of(Errors.METHOD_NOT_SUPPORTED_FOR_CHANNEL_TYPE);
                }
                return obj("channel", obj("id", ch.id), "no_op", true, "already_open", true);
            }
            throw SlackRefusal.of(Errors.USERS_LIST_NOT_SUPPLIED);
        }
        List<String> ids = Arrays.stream(users.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
        if (ids.size() != 1) {
            throw new IllegalArgumentException("the fake opens one-to-one direct messages only, not " + users);
        }
        String user = ids.get(0);
        if (BOT_USER_ID.equals(user)) {
            throw SlackRefusal.of(Errors.CANNOT_DM_BOT);
        }
        if (!workspace.users.containsKey(user)) {
            throw SlackRefusal.of(Errors.USER_NOT_FOUND);
        }
        boolean existed = workspace.channels.containsKey("D" + user);
        ChannelState dm = workspace.directMessage(user);
        JsonObject out = obj("channel", obj("id", dm.id));
        if (existed) {
            out.addProperty("no_op", true);
            out.addProperty("already_open", true);
        }
        return out;
    }

    /** The web pages ask whether a channel is private... */
    private JsonObject info(Params p) {
        return obj("channel", workspace.channelJson(workspace.visibleChannel(p.get("channel"))));
    }

    /** ...and, when it is, who is in it (one page: the tests' channels are small). */
    private JsonObject members(Params p) {
        ChannelState ch = workspace.visibleChannel(p.get("channel"));
        JsonArray members = new JsonArray();
        ch.members.forEach(members::add);
        return obj("members", members, "response_metadata", obj("next_cursor", ""));
    }

    /**
     * The channels of the given {@code types} (comma-separated: public_channel, private_channel, mpim, im; default
     * public_channel), as Slack lists them to a bot: every public channel, private ones only when the bot is in them.
     * Archived channels are listed unless {@code exclude_archived} (this fake archives none). Pages like Slack: at
     * most {@code limit} (default 100, at most 1000) a call and an opaque {@code next_cursor}, empty on the last
     * page; a cursor this fake did not hand out is {@code invalid_cursor}, an unknown type {@code invalid_types}.
     */
    private JsonObject list(Params p) {
        String typesText = p.get("types") == null || p.get("types").isBlank() ? "public_channel" : p.get("types");
        List<String> types = Arrays.stream(typesText.split(",")).map(String::strip).toList();
        for (String type : types) {
            if (!List.of("public_channel", "private_channel", "mpim", "im").contains(type)) {
                throw SlackRefusal.of("invalid_types");
            }
        }
        int limit = p.intValue("limit", 100, 1000);
        List<ChannelState> listed = workspace.channels.values().stream().filter(ch -> ch.imUser != null
                ? types.contains("im") && ch.botIsMember()
                : ch.isPrivate ? types.contains("private_channel") && ch.botIsMember() : types.contains("public_channel"))
                .toList();
        int from = 0;
        String cursor = p.get("cursor");
        if (cursor != null && !cursor.isEmpty()) {
            String id = listCursorId(cursor);
            from = -1;
            for (int i = 0; i < listed.size(); i++) {
                if (listed.get(i).id.equals(id)) {
                    from = i;
                }
            }
            if (from < 0) {
                throw SlackRefusal.of(Errors.INVALID_CURSOR);
            }
        }
        JsonArray out = new JsonArray();
        listed.stream().skip(from).limit(limit).forEach(ch -> out.add(workspace.channelJson(ch)));
        boolean more = from + limit < listed.size();
        String next = more ? Base64.getEncoder().encodeToString(("dGVhbT:" + listed.get(from + limit).id)
                .getBytes(StandardCharsets.UTF_8)) : "";
        return obj("channels", out, "response_metadata", obj("next_cursor", next));
    }

    private static String listCursorId(String cursor) {
        try {
            String decoded = new String(Base64.getDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (decoded.startsWith("dGVhbT:")) {
                return decoded.substring("dGVhbT:".length());
            }
        } catch (IllegalArgumentException e) {
            // not base64: refused below
        }
        throw SlackRefusal.of(Errors.INVALID_CURSOR);
    }

    private JsonObject create(Params p) {
        String denial = workspace.channelCreationDenial;
        if (denial != null) {
            JsonObject extra = Errors.MISSING_SCOPE.equals(denial)
                    ? obj("needed", p.flag("is_private") ? "groups:write" : "channels:manage",
                            "provided", FakeSlackApi.PROVIDED_SCOPES)
                    : null;
            throw new SlackRefusal(denial, extra);
        }
        String needed = p.flag("is_private") ? "groups:write" : "channels:manage";
        if (!workspace.grantedScopes.contains(needed)) {
            throw new SlackRefusal(Errors.MISSING_SCOPE, obj("needed", needed,
                    "provided", String.join(",", workspace.grantedScopes)));
        }
        String name = p.get("name");
        if (name == null) {
            throw SlackRefusal.of(Errors.INVALID_NAME_REQUIRED);
        }
        if (name.length() > MAX_CHANNEL_NAME) {
            throw SlackRefusal.of(Errors.INVALID_NAME_MAXLENGTH);
        }
        if (!CHANNEL_NAME_CHARS.matcher(name).matches()) {
            throw SlackRefusal.of(Errors.INVALID_NAME_SPECIALS);
        }
        if (ONLY_PUNCTUATION.matcher(name).matches()) {
            throw SlackRefusal.of(Errors.INVALID_NAME_PUNCTUATION);
        }
        if (workspace.channels.values().stream().anyMatch(c -> name.equals(c.name))) {
            throw SlackRefusal.of(Errors.NAME_TAKEN);
        }
        return obj("channel", workspace.channelJson(workspace.create(name, p.flag("is_private"))));
    }

    private JsonObject invite(Params p) {
        ChannelState ch = workspace.writableChannel(p.get("channel"));
        String list = p.get("users");
        if (list == null) {
            throw SlackRefusal.of(Errors.NO_USER);
        }
        List<String> invited = Arrays.stream(list.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
        if (invited.isEmpty()) {
            throw SlackRefusal.of(Errors.NO_USER);
        }
        for (String user : invited) {
            if (BOT_USER_ID.equals(user)) {
                throw SlackRefusal.of(Errors.CANT_INVITE_SELF);
            }
            if (!workspace.users.containsKey(user)) {
                throw SlackRefusal.of(Errors.USER_NOT_FOUND);
            }
            if (ch.members.contains(user)) {
                throw SlackRefusal.of(Errors.ALREADY_IN_CHANNEL);
            }
        }
        ch.members.addAll(invited);
        return obj("channel", workspace.channelJson(ch));
    }

    private JsonObject join(Params p) {
        ChannelState ch = workspace.visibleChannel(p.get("channel"));
        if (ch.isPrivate || ch.imUser != null) {
            throw SlackRefusal.of(Errors.METHOD_NOT_SUPPORTED_FOR_CHANNEL_TYPE);
        }
        if (ch.archived) {
            throw SlackRefusal.of(Errors.IS_ARCHIVED);
        }
        boolean already = !ch.members.add(BOT_USER_ID);
        JsonObject out = obj("channel", workspace.channelJson(ch));
        if (already) {
            out.addProperty("warning", Errors.ALREADY_IN_CHANNEL);
            out.add("response_metadata", obj("warnings", array(Errors.ALREADY_IN_CHANNEL)));
        }
        return out;
    }

    /**
     * Top-level messages newest first; metadata only with include_all_metadata. Pages like Slack: at most
     * {@code limit} (default 100, at most 999) a call, {@code has_more} and a {@code next_cursor} to pass as
     * {@code cursor} with the same filters for the next page; a cursor this fake did not hand out is
     * {@code invalid_cursor}.
     */
    private JsonObject history(Params p) {
        ChannelState ch = workspace.memberChannel(p.get("channel"));
        int limit = p.intValue("limit", 100, 999);
        boolean inclusive = p.flag("inclusive");
        String oldest = p.get("oldest");
        String latest = p.get("latest");
        String from = cursorTs(p.get("cursor"));
        List<StoredMessage> top = ch.messages.stream().filter(m -> m.threadTs == null)
                .filter(m -> oldest == null || inRange(compareTs(m.ts, oldest), inclusive))
                .filter(m -> latest == null || inRange(compareTs(latest, m.ts), inclusive))
                .filter(m -> from == null || compareTs(m.ts, from) <= 0)
                .sorted(BY_TS.reversed()).toList();
        JsonArray out = new JsonArray();
        top.stream().limit(limit).forEach(m -> out.add(messageJson(ch, m, p.flag("include_all_metadata"))));
        boolean more = top.size() > limit;
        return obj("messages", out, "has_more", more, "pin_count", ch.pins.size(),
                "response_metadata", obj("next_cursor", more ? cursorFor(top.get(limit).ts) : ""));
    }

    private static boolean inRange(int comparison, boolean inclusive) {
        return inclusive ? comparison >= 0 : comparison > 0;
    }

    /**
     * The parent then its replies, oldest first; {@code oldest}/{@code latest} filter the replies. Pages like
     * {@link #history} (default limit 1000, at most 1000); the parent comes on the first page only.
     */
    private JsonObject replies(Params p) {
        ChannelState ch = workspace.memberChannel(p.get("channel"));
        String ts = p.get("ts");
        StoredMessage m = ts == null ? null : ch.message(ts).orElse(null);
        if (m == null) {
            throw SlackRefusal.of(Errors.THREAD_NOT_FOUND);
        }
        String from = cursorTs(p.get("cursor"));
        boolean inclusive = p.flag("inclusive");
        String oldest = p.get("oldest");
        String latest = p.get("latest");
        String root = m.threadTs == null ? m.ts : m.threadTs;
        List<StoredMessage> thread = new ArrayList<>();
        if (from == null) {
            ch.message(root).ifPresent(thread::add);
        }
        ch.replies(root).stream()
                .filter(r -> oldest == null || inRange(compareTs(r.ts, oldest), inclusive))
                .filter(r -> latest == null || inRange(compareTs(latest, r.ts), inclusive))
                .filter(r -> from == null || compareTs(r.ts, from) >= 0)
                .forEach(thread::add);
        int limit = p.intValue("limit", 1000, 1000);
        JsonArray out = new JsonArray();
        thread.stream().limit(limit).forEach(r -> out.add(messageJson(ch, r, p.flag("include_all_metadata"))));
        boolean more = thread.size() > limit;
        return obj("messages", out, "has_more", more,
                "response_metadata", obj("next_cursor", more ? cursorFor(thread.get(limit).ts) : ""));
    }

    /** A cursor as Slack shapes its message cursors: base64 of {@code next_ts:<ts>}. */
    private static String cursorFor(String ts) {
        return Base64.getEncoder().encodeToString(("next_ts:" + ts).getBytes(StandardCharsets.UTF_8));
    }

    /** The ts a cursor continues from; null without a cursor; invalid_cursor for one not handed out. */
    private static String cursorTs(String cursor) {
        if (cursor == null) {
            return null;
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (decoded.startsWith("next_ts:") && FakeWorkspace.TS.matcher(decoded.substring(8)).matches()) {
                return decoded.substring(8);
            }
        } catch (IllegalArgumentException e) {
            // not base64: refused below
        }
        throw SlackRefusal.of(Errors.INVALID_CURSOR);
    }
}
