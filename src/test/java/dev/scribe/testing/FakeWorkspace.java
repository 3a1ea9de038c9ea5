package dev.scribe.testing;

import static dev.scribe.testing.FakeSlackApi.BOT_ID;
import static dev.scribe.testing.FakeSlackApi.BOT_USER_ID;
import static dev.scribe.testing.FakeSlackApi.TEAM_ID;
import static dev.scribe.testing.Json.merge;
import static dev.scribe.testing.Json.obj;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.scribe.testing.FakeSlackApi.Errors;
import dev.scribe.testing.FakeSlackApi.PostedMessage;
import dev.scribe.testing.FakeSlackApi.UploadedFile;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What the fake Slack workspace holds (people, channels and their members, messages, threads, pins, files) and
 * the rules every method applies to it (which channels the bot can see and act in). The method handlers change
 * it; {@link FakeSlackApi} seeds and inspects it for the tests.
 *
 * <p>Not thread-safe by itself: this object is also the lock. Everything that reads or changes it holds its
 * monitor, and calls {@link #changed()} after a change, which wakes whoever waits for one.
 */
final class FakeWorkspace {

    static final Pattern TS = Pattern.compile("\\d+\\.\\d{6}");
    static final Comparator<StoredMessage> BY_TS = (a, b) -> compareTs(a.ts, b.ts);

    /** {@code tz} is null for a member whose profile has no time zone: users.info then leaves out the tz fields. */
    record UserState(String id, String name, String displayName, String realName, boolean bot, String tz) {
    }

    record Share(String channel, String ts, String threadTs, boolean isPrivate) {
    }

    static final class ChannelState {
        final String id;
        final String name;
        final boolean isPrivate;
        final String imUser;
        final long created = Instant.now().getEpochSecond();
        final Set<String> members = new LinkedHashSet<>();
        final List<StoredMessage> messages = new ArrayList<>();
        final Set<String> pins = new LinkedHashSet<>();
        /** An archived channel keeps its history and members, and takes nothing new: Slack answers is_archived. */
        boolean archived;

        ChannelState(String id, String name, boolean isPrivate, String imUser) {
            this.id = id;
            this.name = name;
            this.isPrivate = isPrivate;
            this.imUser = imUser;
        }

        boolean botIsMember() {
            return members.contains(BOT_USER_ID);
        }

        Optional<StoredMessage> message(String ts) {
            return messages.stream().filter(m -> m.ts.equals(ts)).findFirst();
        }

        List<StoredMessage> replies(String parentTs) {
            return messages.stream().filter(m -> parentTs.equals(m.threadTs)).sorted(BY_TS).toList();
        }
    }

    static final class StoredMessage {
        final String channel;
        final String ts;
        final String threadTs;
        String user;
        String text;
        /** Null for a plain message; {@code tombstone} for a deleted parent whose replies stay, as Slack keeps it. */
        String subtype;
        /** Each reaction's name and who added it, in the order they were added (Slack lists them so). */
        final Map<String, Set<String>> reactions = new LinkedHashMap<>();
        String blocksJson;
        JsonObject metadata;
        int edits;
        String editedTs;

        StoredMessage(String channel, String ts, String threadTs, String user, String text, String blocksJson,
                      JsonObject metadata) {
            this.channel = channel;
            this.ts = ts;
            this.threadTs = threadTs;
            this.user = user;
            this.text = text;
            this.blocksJson = blocksJson;
            this.metadata = metadata;
        }

        PostedMessage snapshot() {
            return new PostedMessage(channel, ts, threadTs, text, blocksJson);
        }
    }

    /** A modal or Home tab as Slack holds it: the view last sent for it, and the hash that version carries. */
    static final class ViewState {
        final String id;
        final String method;
        final String triggerId;
        final String userId;
        final String externalId;
        JsonObject view;
        String hash;
        int updates;

        ViewState(String id, String method, String triggerId, String userId, String externalId, JsonObject view,
                  String hash) {
            this.id = id;
            this.method = method;
            this.triggerId = triggerId;
            this.userId = userId;
            this.externalId = externalId;
            this.view = view;
            this.hash = hash;
        }
    }

    static final class FileState {
        final String id;
        final String filename;
        final long declaredLength;
        final long created = Instant.now().getEpochSecond();
        byte[] content;
        boolean completed;
        String title;
        final List<Share> shares = new ArrayList<>();

        FileState(String id, String filename, long declaredLength) {
            this.id = id;
            this.filename = filename;
            this.declaredLength = declaredLength;
        }
    }

    final Map<String, UserState> users = new LinkedHashMap<>();
    final Map<String, ChannelState> channels = new LinkedHashMap<>();
    final Map<String, FileState> files = new LinkedHashMap<>();
    final List<UploadedFile> uploaded = new ArrayList<>();
    /** Every view opened, pushed or published, by id, in the order they were first shown. */
    final Map<String, ViewState> views = new LinkedHashMap<>();
    /** Triggers views.open or views.push has used: Slack honours each once. */
    final Set<String> usedTriggers = new java.util.HashSet<>();
    /** Each user's Home tab: the id of the view published for them. */
    final Map<String, String> homeViewIds = new LinkedHashMap<>();
    private int viewCounter;
    /**
     * The bot token's scopes, as installed from the manifest unless a test says otherwise: listed in every answer's
     * {@code x-oauth-scopes} header, and required where Slack requires them.
     */
    Set<String> grantedScopes = new java.util.TreeSet<>(FakeSlackApi.MANIFEST_SCOPES);
    /** The error conversations.create answers with, or null when it creates channels. */
    String channelCreationDenial;
    private int channelCounter;
    private int fileCounter;
    private long lastTsMicros;
    private long version;

    FakeWorkspace() {
        users.put(BOT_USER_ID, new UserState(BOT_USER_ID, FakeSlackApi.BOT_NAME, "Incident Scribe", "Incident Scribe",
                true, "Etc/UTC"));
    }

    // ---------------------------------------------------------------- change

    /** A new view id, shaped like Slack's ({@code V} and ten characters). */
    String nextViewId() {
        return "V" + String.format("%010d", ++viewCounter);
    }

    /** Called with the lock held after every change: wakes await() and delayed calls. */
    void changed() {
        version++;
        notifyAll();
    }

    /** Counts changes, so that a waiter can tell whether anything happened while it looked. */
    long version() {
        return version;
    }

    // ---------------------------------------------------------------- channel rules

    void register(ChannelState ch, boolean botIsMember) {
        if (channels.containsKey(ch.id)) {
            throw new IllegalArgumentException("channel " + ch.id + " exists");
        }
        if (botIsMember) {
            ch.members.add(BOT_USER_ID);
        }
        channels.put(ch.id, ch);
        changed();
    }

    /** A new channel the bot created, with a fresh id. */
    ChannelState create(String name, boolean isPrivate) {
        ChannelState ch = new ChannelState(String.format("C%07d", ++channelCounter), name, isPrivate, null);
        ch.members.add(BOT_USER_ID);
        channels.put(ch.id, ch);
        return ch;
    }

    /** A new file the bot is uploading, with a fresh id. */
    FileState newFile(String filename, long declaredLength) {
        FileState file = new FileState(String.format("F%07d", ++fileCounter), filename, declaredLength);
        files.put(file.id, file);
        return file;
    }

    /** A channel the test set up; a test that names one it did not is told so. */
    ChannelState requireChannel(String id) {
        ChannelState ch = channels.get(id);
        if (ch == null) {
            throw new IllegalArgumentException("no channel " + id + "; register it with addChannel first");
        }
        return ch;
    }

    /** A channel the bot can see: private channels it is not in do not exist for it. */
    ChannelState visibleChannel(String id) {
        ChannelState ch = id == null ? null : channels.get(id);
        if (ch == null || (ch.isPrivate || ch.imUser != null) && !ch.botIsMember()) {
            throw SlackRefusal.of(Errors.CHANNEL_NOT_FOUND);
        }
        return ch;
    }

    /** A channel the bot can act in: it must be a member. */
    ChannelState memberChannel(String id) {
        ChannelState ch = visibleChannel(id);
        if (!ch.botIsMember()) {
            throw SlackRefusal.of(Errors.NOT_IN_CHANNEL);
        }
        return ch;
    }

    /** A channel the bot can add to (post, pin, share, invite): a member of it, and not archived. */
    ChannelState writableChannel(String id) {
        ChannelState ch = memberChannel(id);
        if (ch.archived) {
            throw SlackRefusal.of(Errors.IS_ARCHIVED);
        }
        return ch;
    }

    /** The direct message between the bot and a member, created on first use (its id is D and the user's id). */
    ChannelState directMessage(String userId) {
        String dmId = "D" + userId;
        ChannelState dm = channels.computeIfAbsent(dmId, id -> new ChannelState(id, null, true, userId));
        dm.members.add(BOT_USER_ID);
        dm.members.add(userId);
        return dm;
    }

    /** chat.postMessage also takes a channel name or a user id (which opens the DM with that user). */
    ChannelState postTarget(String target) {
        if (target != null && users.containsKey(target) && !BOT_USER_ID.equals(target)) {
            return writableChannel(directMessage(target).id);
        }
        if (target != null && !channels.containsKey(target)) {
            String name = target.startsWith("#") ? target.substring(1) : target;
            Optional<ChannelState> byName = channels.values().stream().filter(c -> name.equals(c.name)).findFirst();
            if (byName.isPresent()) {
                return writableChannel(byName.get().id);
            }
        }
        return writableChannel(target);
    }

    /** The thread a reply goes to; Slack refuses a ts that is no message of the channel. */
    static String threadOf(ChannelState ch, String threadTs) {
        if (threadTs == null) {
            return null;
        }
        StoredMessage parent = ch.message(threadTs).orElseThrow(() -> SlackRefusal.of(Errors.THREAD_NOT_FOUND));
        // Slack's docs say to use the parent's ts; given a reply's, the reply joins that reply's thread.
        return parent.threadTs != null ? parent.threadTs : parent.ts;
    }

    // ---------------------------------------------------------------- JSON views

    JsonObject channelJson(ChannelState c) {
        JsonObject o = obj("id", c.id, "created", c.created, "is_archived", c.archived, "is_member", c.botIsMember());
        if (c.imUser != null) {
            o.addProperty("is_im", true);
            o.addProperty("user", c.imUser);
            return o;
        }
        return merge(o, obj("name", c.name, "name_normalized", c.name, "is_channel", true, "is_group", false,
                "is_im", false, "is_private", c.isPrivate, "is_general", "general".equals(c.name),
                "num_members", c.members.size()));
    }

    static JsonObject messageJson(ChannelState ch, StoredMessage m, boolean withMetadata) {
        JsonObject o = obj("type", "message", "text", m.text, "user", m.user, "ts", m.ts, "team", TEAM_ID);
        if (BOT_USER_ID.equals(m.user)) {
            o.addProperty("bot_id", BOT_ID);
            o.addProperty("app_id", FakeSlackApi.APP_ID);
        }
        if (m.threadTs != null) {
            o.addProperty("thread_ts", m.threadTs);
            ch.message(m.threadTs).ifPresent(parent -> o.addProperty("parent_user_id", parent.user));
        } else {
            List<StoredMessage> replies = ch.replies(m.ts);
            if (!replies.isEmpty()) {
                o.addProperty("thread_ts", m.ts);
                o.addProperty("reply_count", replies.size());
                o.addProperty("latest_reply", replies.get(replies.size() - 1).ts);
                JsonArray replyUsers = new JsonArray();
                replies.stream().map(r -> r.user).distinct().forEach(replyUsers::add);
                o.add("reply_users", replyUsers);
            }
        }
        if (m.blocksJson != null) {
            o.add("blocks", JsonParser.parseString(m.blocksJson));
        }
        if (withMetadata && m.metadata != null) {
            o.add("metadata", m.metadata.deepCopy());
        }
        if (m.edits > 0) {
            o.add("edited", obj("user", m.user, "ts", m.editedTs));
        }
        if (m.subtype != null) {
            o.addProperty("subtype", m.subtype);
            o.addProperty("hidden", true);
        }
        if (!m.reactions.isEmpty()) {
            JsonArray reactions = new JsonArray();
            m.reactions.forEach((name, who) -> {
                JsonArray users = new JsonArray();
                who.forEach(users::add);
                reactions.add(obj("name", name, "users", users, "count", who.size()));
            });
            o.add("reactions", reactions);
        }
        return o;
    }

    // ---------------------------------------------------------------- ts

    /** A unique, strictly increasing ts: epoch seconds, a dot, six digits (microseconds). */
    String nextTs() {
        long now = ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
        lastTsMicros = Math.max(now, lastTsMicros + 1);
        return String.format("%d.%06d", lastTsMicros / 1_000_000, lastTsMicros % 1_000_000);
    }

    static int compareTs(String a, String b) {
        String[] x = a.split("\\.", 2);
        String[] y = b.split("\\.", 2);
        int c = Long.compare(Long.parseLong(x[0]), Long.parseLong(y[0]));
        if (c != 0) {
            return c;
        }
        return Long.compare(x.length > 1 ? Long.parseLong(x[1]) : 0, y.length > 1 ? Long.parseLong(y[1]) : 0);
    }
}
