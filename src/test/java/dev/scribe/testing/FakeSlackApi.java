package dev.scribe.testing;

import static dev.scribe.testing.Json.obj;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.scribe.testing.FakeWorkspace.ChannelState;
import dev.scribe.testing.FakeWorkspace.FileState;
import dev.scribe.testing.FakeWorkspace.StoredMessage;
import dev.scribe.testing.FakeWorkspace.UserState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * A local fake of the Slack Web API over real HTTP, for integration tests that would otherwise talk to slack.com.
 * It keeps state like Slack does (channels, members, messages, threads, pins, files) and refuses what Slack
 * refuses, with Slack's error strings, so a test fails where production would.
 *
 * <p>This class is the server: HTTP, tokens, the upload_url and response_url endpoints, failures on demand, the
 * record of calls, and what tests seed and inspect. What the workspace holds is {@link FakeWorkspace}; the
 * methods are handlers registered in {@link WebApiMethods}, one family a class ({@link IdentityMethods},
 * {@link ConversationMethods}, {@link ChatMethods}, {@link FileMethods}); Block Kit is checked by the pure
 * {@link BlockKit}. It answers only the methods the product calls (and Bolt calls for it); a new one is one
 * registration in its family, or a new family added in {@link #methodTable}.
 *
 * <p>Point the Java Slack client at it with {@code SlackConfig.setMethodsEndpointUrlPrefix(fake.apiUrl())}. The
 * server binds to 127.0.0.1 on a free port and <b>starts in the constructor</b>; {@link #close()} stops it.
 *
 * <p>Wire format (checked against java-slack-sdk v1.47.0): Web API calls are {@code POST /api/<method>} with
 * {@code application/x-www-form-urlencoded} params (arrays and objects such as {@code blocks}, {@code files},
 * {@code metadata} are JSON strings inside a field, booleans are {@code 1}/{@code 0}) and the token in
 * {@code Authorization: Bearer}. JSON bodies and GET query strings are accepted too. The v2 upload POSTs the raw
 * file bytes, with no Content-Type and no token, to the {@code upload_url}; real Slack answers {@code 200 "OK - <bytes>"}.
 *
 * <p>Everything is thread-safe: calls arrive on server threads, tests inspect from their own.
 */
public final class FakeSlackApi implements AutoCloseable {

    // ---------------------------------------------------------------- identity

    public static final String TEAM_ID = "T0TEAM";
    public static final String TEAM_NAME = "Scribe Test";
    public static final String WORKSPACE_URL = "https://example.slack.com/";
    public static final String BOT_USER_ID = "U0BOT";
    public static final String BOT_ID = "B0BOT";
    public static final String APP_ID = "A0APP";
    public static final String BOT_NAME = "incident-scribe";
    /** The scopes reported as {@code provided} when a scope is missing. */
    public static final String PROVIDED_SCOPES = "chat:write,commands,users:read,pins:write,files:write";
    /** The bot scopes of manifest.yml: what a token installed from it is granted, unless a test grants others. */
    public static final List<String> MANIFEST_SCOPES = List.of("commands", "chat:write", "channels:history",
            "groups:history", "channels:manage", "groups:write", "channels:join", "channels:read", "groups:read",
            "pins:write", "reactions:read", "users:read", "files:write", "files:read");
    /** One response_url may be used this many times. */
    public static final int RESPONSE_URL_USES = 5;

    /** Slack's error strings, spelled as the Web API spells them. */
    public static final class Errors {
        public static final String NOT_AUTHED = "not_authed";
        public static final String INVALID_AUTH = "invalid_auth";
        public static final String UNKNOWN_METHOD = "unknown_method";
        public static final String METHOD_DEPRECATED = "method_deprecated";
        public static final String RATELIMITED = "ratelimited";
        public static final String INTERNAL_ERROR = "internal_error";
        public static final String INVALID_ARGUMENTS = "invalid_arguments";
        public static final String MISSING_SCOPE = "missing_scope";
        public static final String USER_NOT_FOUND = "user_not_found";
        public static final String BOT_NOT_FOUND = "bot_not_found";
        public static final String CHANNEL_NOT_FOUND = "channel_not_found";
        public static final String NOT_IN_CHANNEL = "not_in_channel";
        public static final String IS_ARCHIVED = "is_archived";
        public static final String USERS_LIST_NOT_SUPPLIED = "users_list_not_supplied";
        public static final String CANNOT_DM_BOT = "cannot_dm_bot";
        public static final String NAME_TAKEN = "name_taken";
        public static final String INVALID_NAME_REQUIRED = "invalid_name_required";
        public static final String INVALID_NAME_MAXLENGTH = "invalid_name_maxlength";
        public static final String INVALID_NAME_SPECIALS = "invalid_name_specials";
        public static final String INVALID_NAME_PUNCTUATION = "invalid_name_punctuation";
        public static final String ALREADY_IN_CHANNEL = "already_in_channel";
        public static final String CANT_INVITE_SELF = "cant_invite_self";
        public static final String NO_USER = "no_user";
        public static final String METHOD_NOT_SUPPORTED_FOR_CHANNEL_TYPE = "method_not_supported_for_channel_type";
        public static final String NO_TEXT = "no_text";
        public static final String MSG_TOO_LONG = "msg_too_long";
        public static final String MARKDOWN_TEXT_CONFLICT = "markdown_text_conflict";
        public static final String INVALID_BLOCKS = "invalid_blocks";
        public static final String INVALID_BLOCKS_FORMAT = "invalid_blocks_format";
        public static final String MSG_BLOCKS_TOO_LONG = "msg_blocks_too_long";
        public static final String INVALID_METADATA_FORMAT = "invalid_metadata_format";
        public static final String THREAD_NOT_FOUND = "thread_not_found";
        public static final String INVALID_CURSOR = "invalid_cursor";
        public static final String MESSAGE_NOT_FOUND = "message_not_found";
        public static final String CANT_UPDATE_MESSAGE = "cant_update_message";
        public static final String USER_NOT_IN_CHANNEL = "user_not_in_channel";
        public static final String NO_ITEM_SPECIFIED = "no_item_specified";
        public static final String ALREADY_PINNED = "already_pinned";
        public static final String TOO_MANY_PINS = "too_many_pins";
        public static final String FILE_NOT_FOUND = "file_not_found";
        /** response_url answers (HTTP bodies, not JSON). */
        public static final String USED_URL = "used_url";
        public static final String NO_SERVICE = "no_service";
        public static final String INVALID_PAYLOAD = "invalid_payload";
        public static final String NOT_ALLOWED_TOKEN_TYPE = "not_allowed_token_type";
        public static final String INVALID_TRIGGER_ID = "invalid_trigger_id";
        public static final String EXPIRED_TRIGGER_ID = "expired_trigger_id";
        public static final String NOT_FOUND = "not_found";
        public static final String HASH_CONFLICT = "hash_conflict";

        private Errors() {
        }
    }

    // ---------------------------------------------------------------- what tests see

    /** One Web API call as it arrived (params include {@code token} only when it was sent as a param). */
    public record ApiCall(String method, Map<String, String> params, Instant at) {
        /** One parameter, or null. */
        public String param(String name) {
            return params.get(name);
        }
    }

    /** A message in a channel, as it is now (after any chat.update). {@code threadTs} is null for top-level messages. */
    public record PostedMessage(String channel, String ts, String threadTs, String text, String blocksJson) {
    }

    /** A file completed by files.completeUploadExternal, with the bytes POSTed to its upload_url. */
    public record UploadedFile(String id, String filename, String title, String channelId, String threadTs,
                               String initialComment, byte[] content) {
        public UploadedFile {
            content = content.clone();
        }

        @Override
        public byte[] content() {
            return content.clone();
        }

        /** The bytes read as UTF-8. */
        public String contentAsUtf8() {
            return new String(content, StandardCharsets.UTF_8);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof UploadedFile f && id.equals(f.id) && Objects.equals(channelId, f.channelId)
                    && Objects.equals(title, f.title) && Arrays.equals(content, f.content);
        }

        @Override
        public int hashCode() {
            return id.hashCode() * 31 + Arrays.hashCode(content);
        }

        @Override
        public String toString() {
            return "UploadedFile[id=" + id + ", filename=" + filename + ", title=" + title + ", channelId=" + channelId
                    + ", threadTs=" + threadTs + ", " + content.length + " bytes]";
        }
    }

    /** One accepted POST to a response_url; {@code json} is the body as sent. */
    public record ResponseUrlPost(String id, String json) {
        /** The body parsed. */
        public JsonObject body() {
            return JsonParser.parseString(json).getAsJsonObject();
        }

        /** {@code text}, or null. */
        public String text() {
            return Json.stringOrNull(body(), "text");
        }

        /** {@code response_type} ({@code ephemeral} when absent, as Slack defaults it). */
        public String responseType() {
            String type = Json.stringOrNull(body(), "response_type");
            return type == null ? "ephemeral" : type;
        }
    }

    /** A channel the fake knows. */
    public record Channel(String id, String name) {
    }

    /**
     * A modal or Home tab as the fake holds it now: its id, the method that first showed it (views.open, views.push or
     * views.publish), the trigger that opened it (modals), the user it was published for (Home tabs), the view as last
     * sent (a copy), and how many times views.update or views.publish replaced it.
     */
    public record View(String id, String method, String triggerId, String userId, JsonObject json, int updates) {

        public String callbackId() {
            return Json.stringOrNull(json, "callback_id");
        }

        public String privateMetadata() {
            return Json.stringOrNull(json, "private_metadata");
        }

        /** The view's {@code type}: {@code modal} or {@code home}. */
        public String type() {
            return Json.stringOrNull(json, "type");
        }

        /** The plain text of the modal's title. */
        public String title() {
            JsonObject title = json.getAsJsonObject("title");
            return title == null ? null : Json.stringOrNull(title, "text");
        }

        /** Everything the view says, as one string: every "text" value of every block, in order. */
        public String allText() {
            StringBuilder out = new StringBuilder();
            collectText(json.get("blocks"), out);
            return out.toString();
        }

        private static void collectText(JsonElement e, StringBuilder out) {
            if (e == null) {
                return;
            }
            if (e.isJsonArray()) {
                e.getAsJsonArray().forEach(x -> collectText(x, out));
            } else if (e.isJsonObject()) {
                for (Map.Entry<String, JsonElement> x : e.getAsJsonObject().entrySet()) {
                    if ("text".equals(x.getKey()) && x.getValue().isJsonPrimitive()) {
                        out.append(x.getValue().getAsString()).append('\n');
                    } else {
                        collectText(x.getValue(), out);
                    }
                }
            }
        }
    }

    // ---------------------------------------------------------------- internals

    private static final String API_PATH = "/api/";
    private static final String UPLOAD_PATH = "/upload/";
    private static final String RESPOND_PATH = "/respond/";
    private static final String JSON = "application/json; charset=utf-8";
    private static final String TEXT = "text/plain; charset=utf-8";
    private static final String APPS_CONNECTIONS_OPEN = "apps.connections.open";
    private static final long AWAIT_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private sealed interface Injection permits Pass, Fail, RateLimit, RateLimitedOk, ServerError, Delay, FailAfterActing {
    }

    private record Pass() implements Injection {
    }

    private record RateLimitedOk(int retryAfterSeconds) implements Injection {
    }

    private record Fail(String error) implements Injection {
    }

    private record RateLimit(int retryAfterSeconds) implements Injection {
    }

    private record ServerError() implements Injection {
    }

    private record Delay(Duration duration) implements Injection {
    }

    private record FailAfterActing(String error) implements Injection {
    }

    private static final class CallRecord {
        final ApiCall call;
        String outcome = "pending";

        CallRecord(ApiCall call) {
            this.call = call;
        }
    }

    /** The state, and the lock of everything below: handlers, seeding and inspection all hold it. */
    private final FakeWorkspace lock = new FakeWorkspace();
    private final FakeWorkspace workspace = lock;
    private final String botToken;
    private final HttpServer server;
    private final ExecutorService executor;
    private final String baseUrl;
    private final WebApiMethods methods;

    // Everything below is guarded by lock.
    private boolean closed;
    private final List<CallRecord> calls = new ArrayList<>();
    private final Map<String, Deque<Injection>> injections = new HashMap<>();
    private final Map<String, List<ResponseUrlPost>> responseUrls = new HashMap<>();
    private String appToken = "xapp-socket-mode-not-enabled";
    /** Per method, the most calls a minute Slack's rate limiter lets through, and when the recent ones came. */
    private final Map<String, Integer> callsPerMinute = new HashMap<>();
    private final Map<String, Deque<Long>> recentCalls = new HashMap<>();
    private Supplier<String> socketUrls;

    /** Starts the fake on 127.0.0.1 and a free port; only {@code botToken} is accepted. */
    public FakeSlackApi(String botToken) {
        if (botToken == null || botToken.isBlank()) {
            throw new IllegalArgumentException("botToken");
        }
        this.botToken = botToken;
        AtomicInteger threads = new AtomicInteger();
        this.executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "fake-slack-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            this.server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("could not bind the fake Slack API", e);
        }
        this.baseUrl = "http://127.0.0.1:" + server.getAddress().getPort() + "/";
        this.methods = methodTable();
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** Every method the fake answers: the families of the workspace's methods, and Socket Mode's one. */
    private WebApiMethods methodTable() {
        WebApiMethods table = new WebApiMethods();
        List<WebApiMethods.Family> families = List.of(new IdentityMethods(workspace), new ConversationMethods(workspace),
                new ChatMethods(workspace), new FileMethods(workspace, baseUrl + UPLOAD_PATH.substring(1)),
                new ViewMethods(workspace, Instant::now));
        families.forEach(family -> family.registerIn(table));
        table.register(APPS_CONNECTIONS_OPEN, this::appsConnectionsOpen);
        return table;
    }

    /** Socket Mode: accepts {@code appToken} on apps.connections.open and hands out URLs from {@code urls}. */
    public void enableSocketMode(String appToken, Supplier<String> urls) {
        if (appToken == null || !appToken.startsWith("xapp-")) {
            throw new IllegalArgumentException("an app-level token starts with xapp-");
        }
        synchronized (lock) {
            this.appToken = appToken;
            this.socketUrls = urls;
        }
    }

    private JsonObject appsConnectionsOpen(Params p) {
        if (socketUrls == null) {
            throw SlackRefusal.of(Errors.NOT_ALLOWED_TOKEN_TYPE);
        }
        return obj("url", socketUrls.get());
    }

    // ---------------------------------------------------------------- addresses

    /** The methods endpoint prefix for {@code SlackConfig.setMethodsEndpointUrlPrefix}, ending in {@code /api/}. */
    public String apiUrl() {
        return baseUrl + "api/";
    }

    /** The port the fake listens on. */
    public int port() {
        return server.getAddress().getPort();
    }

    /** A response_url for a slash command or interaction; like Slack's, it accepts {@value #RESPONSE_URL_USES} posts. */
    public String responseUrl(String id) {
        synchronized (lock) {
            responseUrls.computeIfAbsent(id, k -> new ArrayList<>());
        }
        return baseUrl + "respond/" + id;
    }

    // ---------------------------------------------------------------- seeding

    /**
     * Registers a workspace member (users.info finds only registered users, as Slack finds only real ones) whose
     * profile has no time zone.
     */
    public void addUser(String id, String name, String displayName) {
        synchronized (lock) {
            workspace.users.put(id, new UserState(id, name, displayName, displayName, false, null));
        }
    }

    /** Registers a workspace member whose Slack time zone is {@code tz}, a tz database id such as {@code Europe/London}. */
    public void addUser(String id, String name, String displayName, String tz) {
        ZoneId.of(tz); // Slack only ever gives a real zone id
        synchronized (lock) {
            workspace.users.put(id, new UserState(id, name, displayName, displayName, false, tz));
        }
    }

    /** Registers an existing public channel the bot is a member of. */
    public void addChannel(String id, String name) {
        addChannel(id, name, true);
    }

    /** Registers an existing public channel; where the bot is no member, Slack refuses posts with not_in_channel. */
    public void addChannel(String id, String name, boolean botIsMember) {
        synchronized (lock) {
            workspace.register(new ChannelState(id, name, false, null), botIsMember);
        }
    }

    /** Registers an existing private channel; where the bot is no member, Slack says channel_not_found. */
    public void addPrivateChannel(String id, String name, boolean botIsMember) {
        synchronized (lock) {
            workspace.register(new ChannelState(id, name, true, null), botIsMember);
        }
    }

    /** Makes a user a member of a channel. */
    public void addMember(String channelId, String userId) {
        synchronized (lock) {
            workspace.requireChannel(channelId).members.add(userId);
            workspace.changed();
        }
    }

    /** Stores a message someone else wrote, at a fresh ts, so the bot can thread under it; returns its ts. */
    public String addMessage(String channelId, String userId, String text) {
        synchronized (lock) {
            String ts = workspace.nextTs();
            addMessage(channelId, ts, null, userId, text);
            return ts;
        }
    }

    /** Stores a message someone else wrote at a given ts (a reply when threadTs is set); Slack ts are unique per channel. */
    public void addMessage(String channelId, String ts, String threadTs, String userId, String text) {
        if (!FakeWorkspace.TS.matcher(ts).matches()) {
            throw new IllegalArgumentException("not a Slack ts: " + ts);
        }
        synchronized (lock) {
            ChannelState ch = workspace.requireChannel(channelId);
            if (ch.message(ts).isPresent()) {
                throw new IllegalArgumentException("ts " + ts + " is taken in " + channelId);
            }
            ch.messages.add(new StoredMessage(channelId, ts, threadTs, userId, text, null, null));
            workspace.changed();
        }
    }

    // ---------------------------------------------------------------- people acting in Slack (no event is sent)

    /**
     * Someone posts at the top level of a channel, at a fresh ts. Only Slack's state changes: no event reaches the bot,
     * as when it is down, so what it learns of this it learns by reading the channel back. Returns the ts.
     */
    public String post(String channelId, String userId, String text) {
        return addMessage(channelId, userId, text);
    }

    /** Someone replies in the thread under {@code parentTs}, at a fresh ts; no event is sent. Returns the ts. */
    public String reply(String channelId, String parentTs, String userId, String text) {
        synchronized (lock) {
            ChannelState ch = workspace.requireChannel(channelId);
            StoredMessage parent = ch.message(parentTs).orElseThrow(() -> new IllegalArgumentException("no message " + parentTs));
            String ts = workspace.nextTs();
            addMessage(channelId, ts, parent.threadTs != null ? parent.threadTs : parent.ts, userId, text);
            return ts;
        }
    }

    /** Its author edits a message: the new text, and {@code edited} with a fresh ts, as Slack shows it; no event. */
    public void edit(String channelId, String ts, String newText) {
        synchronized (lock) {
            StoredMessage m = requireMessage(channelId, ts);
            m.text = newText;
            m.edits++;
            m.editedTs = workspace.nextTs();
            workspace.changed();
        }
    }

    /**
     * Its author deletes a message; no event. As in Slack, a thread's parent with replies left becomes a tombstone
     * (subtype {@code tombstone}, "This message was deleted.") that keeps the thread; any other message is gone.
     */
    public void delete(String channelId, String ts) {
        synchronized (lock) {
            ChannelState ch = workspace.requireChannel(channelId);
            StoredMessage m = requireMessage(channelId, ts);
            if (m.threadTs == null && !ch.replies(m.ts).isEmpty()) {
                m.subtype = "tombstone";
                m.user = "USLACKBOT";
                m.text = "This message was deleted.";
                m.reactions.clear();
                m.edits = 0;
            } else {
                ch.messages.remove(m);
            }
            workspace.changed();
        }
    }

    /** Someone adds a reaction ({@code pushpin}, no colons) to a message; no event. Once per person and emoji. */
    public void react(String channelId, String ts, String userId, String reaction) {
        synchronized (lock) {
            requireMessage(channelId, ts).reactions.computeIfAbsent(reaction, r -> new java.util.LinkedHashSet<>()).add(userId);
            workspace.changed();
        }
    }

    /** Someone takes their reaction back; no event. */
    public void unreact(String channelId, String ts, String userId, String reaction) {
        synchronized (lock) {
            StoredMessage m = requireMessage(channelId, ts);
            java.util.Set<String> who = m.reactions.get(reaction);
            if (who != null && who.remove(userId) && who.isEmpty()) {
                m.reactions.remove(reaction);
            }
            workspace.changed();
        }
    }

    private StoredMessage requireMessage(String channelId, String ts) {
        return workspace.requireChannel(channelId).message(ts)
                .orElseThrow(() -> new IllegalArgumentException("no message " + ts + " in " + channelId));
    }

    /**
     * Archives a channel, as a person does in Slack: it keeps its messages and members (history can still be read),
     * and every post, upload share, pin and invitation to it is refused with is_archived.
     */
    public void archiveChannel(String channelId) {
        synchronized (lock) {
            workspace.requireChannel(channelId).archived = true;
            workspace.changed();
        }
    }

    /** Undoes {@link #archiveChannel}. */
    public void unarchiveChannel(String channelId) {
        synchronized (lock) {
            workspace.requireChannel(channelId).archived = false;
            workspace.changed();
        }
    }

    /**
     * The scopes the bot token was granted from now on (as if the app were reinstalled with them): Slack lists them in
     * the {@code x-oauth-scopes} header of every answer, and refuses a private conversations.create without
     * {@code groups:write} (a public one without {@code channels:manage}) with missing_scope.
     */
    public void grantScopes(String... scopes) {
        synchronized (lock) {
            workspace.grantedScopes = new java.util.TreeSet<>(List.of(scopes));
        }
    }

    /** Makes conversations.create fail as Slack does without the scope or when an admin restricts creation. */
    public void denyChannelCreation(String error) {
        synchronized (lock) {
            workspace.channelCreationDenial = error;
        }
    }

    /** Undoes {@link #denyChannelCreation}. */
    public void allowChannelCreation() {
        synchronized (lock) {
            workspace.channelCreationDenial = null;
        }
    }

    // ---------------------------------------------------------------- failure injection

    /** The next call of the method is answered as usual: so that a failure queued after it hits the call after. */
    public void passNext(String method) {
        inject(method, new Pass());
    }

    /** The next call of the method answers ok:false with this error, as Slack does for any refusal. */
    public void failNext(String method, String error) {
        inject(method, new Fail(error));
    }

    /** The next call of the method answers HTTP 429 with Retry-After, as Slack's rate limiter does. */
    public void rateLimitNext(String method, int retryAfterSeconds) {
        inject(method, new RateLimit(retryAfterSeconds));
    }

    /** The next call of the method answers HTTP 500, as Slack does during an outage; nothing happens. */
    public void serverErrorNext(String method) {
        inject(method, new ServerError());
    }

    /** The next call of the method is answered after this delay and then handled normally (Slack acts even if the client gave up). */
    public void delayNext(String method, Duration delay) {
        inject(method, new Delay(delay));
    }

    /** The next call of the method takes effect but answers HTTP 500: Slack acted, the client saw a failure. */
    public void failAfterActingNext(String method, String error) {
        inject(method, new FailAfterActing(error));
    }

    /** The next call of the method answers HTTP 200 {@code ok:false, error:ratelimited} with Retry-After, as some methods do. */
    public void rateLimitedOkFalseNext(String method, int retryAfterSeconds) {
        inject(method, new RateLimitedOk(retryAfterSeconds));
    }

    /**
     * Limits the method to {@code perMinute} calls in any 60 seconds, as Slack's tiers do (Tier 3: 50): a call over
     * it is answered 429 with the Retry-After that lets the oldest call of the window age out. Calls answered 429 do
     * not count.
     */
    public void limitRate(String method, int perMinute) {
        synchronized (lock) {
            callsPerMinute.put(method, perMinute);
        }
    }

    /** How many calls of the method were answered 429 (injected or over its rate limit). */
    public int rateLimitedCount(String method) {
        synchronized (lock) {
            return (int) calls.stream().filter(c -> c.call.method().equals(method) && "HTTP 429".equals(c.outcome)).count();
        }
    }

    /** With the lock held: a 429 when the call would go over the method's rate limit, else the call is counted. */
    private Injection overLimit(String method) {
        Integer limit = callsPerMinute.get(method);
        if (limit == null) {
            return null;
        }
        long now = System.nanoTime();
        long window = TimeUnit.MINUTES.toNanos(1);
        Deque<Long> recent = recentCalls.computeIfAbsent(method, k -> new ArrayDeque<>());
        while (!recent.isEmpty() && now - recent.peekFirst() >= window) {
            recent.pollFirst();
        }
        if (recent.size() >= limit) {
            long waitNanos = window - (now - recent.peekFirst());
            return new RateLimit((int) Math.max(1, (waitNanos + 999_999_999L) / 1_000_000_000L));
        }
        recent.addLast(now);
        return null;
    }

    private void inject(String method, Injection injection) {
        synchronized (lock) {
            injections.computeIfAbsent(method, k -> new ArrayDeque<>()).add(injection);
        }
    }

    // ---------------------------------------------------------------- inspection

    /** Every Web API call received, in arrival order. */
    public List<ApiCall> calls() {
        synchronized (lock) {
            return calls.stream().map(c -> c.call).toList();
        }
    }

    /** The calls of one method, in arrival order. */
    public List<ApiCall> calls(String method) {
        synchronized (lock) {
            return calls.stream().map(c -> c.call).filter(c -> c.method().equals(method)).toList();
        }
    }

    /** How many times a method was called. */
    public int callCount(String method) {
        return calls(method).size();
    }

    /** Every message in the channel (top-level and replies, the bot's and seeded ones), in post order. */
    public List<PostedMessage> messages(String channelId) {
        synchronized (lock) {
            ChannelState ch = workspace.channels.get(channelId);
            return ch == null ? List.of() : ch.messages.stream().map(StoredMessage::snapshot).toList();
        }
    }

    /** The replies in one thread, oldest first (the parent excluded). */
    public List<PostedMessage> threadReplies(String channelId, String threadTs) {
        synchronized (lock) {
            ChannelState ch = workspace.channels.get(channelId);
            return ch == null ? List.of() : ch.replies(threadTs).stream().map(StoredMessage::snapshot).toList();
        }
    }

    /** The channel's top-level messages, in post order. */
    public List<PostedMessage> topLevelMessages(String channelId) {
        return messages(channelId).stream().filter(m -> m.threadTs() == null).toList();
    }

    /** One message as it is now. */
    public Optional<PostedMessage> message(String channelId, String ts) {
        synchronized (lock) {
            ChannelState ch = workspace.channels.get(channelId);
            return ch == null ? Optional.empty() : ch.message(ts).map(StoredMessage::snapshot);
        }
    }

    /** How many times chat.update changed a message. */
    public int editCount(String channelId, String ts) {
        synchronized (lock) {
            ChannelState ch = workspace.channels.get(channelId);
            return ch == null ? 0 : ch.message(ts).map(m -> m.edits).orElse(0);
        }
    }

    /** A message's metadata as JSON ({@code event_type}, {@code event_payload}), if it was posted with some. */
    public Optional<String> metadata(String channelId, String ts) {
        synchronized (lock) {
            ChannelState ch = workspace.channels.get(channelId);
            return ch == null ? Optional.empty()
                    : ch.message(ts).filter(m -> m.metadata != null).map(m -> m.metadata.toString());
        }
    }

    /** The ts of the pinned messages, in pin order. */
    public List<String> pinned(String channelId) {
        synchronized (lock) {
            ChannelState ch = workspace.channels.get(channelId);
            return ch == null ? List.of() : List.copyOf(ch.pins);
        }
    }

    /** The channel's members, the bot included when it is one. */
    public List<String> members(String channelId) {
        synchronized (lock) {
            ChannelState ch = workspace.channels.get(channelId);
            return ch == null ? List.of() : List.copyOf(ch.members);
        }
    }

    /** Files completed with files.completeUploadExternal, one entry per file and channel shared to. */
    public List<UploadedFile> uploadedFiles() {
        synchronized (lock) {
            return List.copyOf(workspace.uploaded);
        }
    }

    /** The accepted posts to one response_url, in order. */
    public List<ResponseUrlPost> responseUrlPosts(String id) {
        synchronized (lock) {
            List<ResponseUrlPost> posts = responseUrls.get(id);
            return posts == null ? List.of() : List.copyOf(posts);
        }
    }

    /** The id of the bot's direct message with a member, once one was opened (by conversations.open or a post). */
    public Optional<String> directMessageWith(String userId) {
        synchronized (lock) {
            return workspace.channels.values().stream().filter(c -> userId.equals(c.imUser)).map(c -> c.id).findFirst();
        }
    }

    /** Every modal and Home tab shown, in the order each was first shown. */
    public List<View> views() {
        synchronized (lock) {
            return workspace.views.values().stream().map(FakeSlackApi::view).toList();
        }
    }

    /** The modals opened with {@code callbackId} (as first shown or later updated), in order. */
    public List<View> modals(String callbackId) {
        return views().stream().filter(v -> "modal".equals(v.type()) && callbackId.equals(v.callbackId())).toList();
    }

    /** One view by id. */
    public Optional<View> view(String id) {
        synchronized (lock) {
            return Optional.ofNullable(workspace.views.get(id)).map(FakeSlackApi::view);
        }
    }

    /** The Home tab published for {@code userId}, if any. */
    public Optional<View> homeView(String userId) {
        synchronized (lock) {
            return Optional.ofNullable(workspace.homeViewIds.get(userId)).map(workspace.views::get).map(FakeSlackApi::view);
        }
    }

    /** Waits until a view {@code done} accepts exists; returns the first such. */
    public View awaitView(Predicate<View> done, Duration timeout) {
        return await(() -> views().stream().filter(done).findFirst(), Optional::isPresent, timeout).orElseThrow();
    }

    private static View view(FakeWorkspace.ViewState v) {
        return new View(v.id, v.method, v.triggerId, v.userId, v.view.deepCopy(), v.updates);
    }

    /** Every channel (not DMs), registered or created, in creation order. */
    public List<Channel> channels() {
        synchronized (lock) {
            return workspace.channels.values().stream().filter(c -> c.imUser == null).map(c -> new Channel(c.id, c.name)).toList();
        }
    }

    /** A channel by its name. */
    public Optional<Channel> channelByName(String name) {
        return channels().stream().filter(c -> c.name().equals(name)).findFirst();
    }

    // ---------------------------------------------------------------- waiting

    /**
     * Polls {@code probe} until {@code done} accepts its value, waking on every call the fake receives (and at
     * least every 50 ms, for probes of other state); returns that value or throws an AssertionError naming the
     * calls received so far.
     */
    public <T> T await(Supplier<T> probe, Predicate<T> done, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long seen;
            synchronized (lock) {
                seen = workspace.version();
            }
            T value = probe.get();
            if (done.test(value)) {
                return value;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("Timed out after " + timeout.toMillis() + " ms; last value: "
                        + abbreviate(String.valueOf(value)) + "; Slack API calls so far: " + callSummary());
            }
            synchronized (lock) {
                if (workspace.version() == seen) {
                    try {
                        TimeUnit.NANOSECONDS.timedWait(lock, Math.min(left, AWAIT_POLL_NANOS));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new AssertionError("Interrupted while waiting; calls so far: " + callSummary(), e);
                    }
                }
            }
        }
    }

    /** Waits until the method has been called at least {@code count} times and answered; returns its calls. */
    public List<ApiCall> awaitCalls(String method, int count, Duration timeout) {
        await(() -> answeredCount(method), n -> n >= count, timeout);
        return calls(method);
    }

    private long answeredCount(String method) {
        synchronized (lock) {
            return calls.stream().filter(c -> c.call.method().equals(method) && !"pending".equals(c.outcome)).count();
        }
    }

    /** The calls received, each with how it was answered, e.g. {@code [auth.test→ok, chat.postMessage→not_in_channel]}. */
    public String callSummary() {
        synchronized (lock) {
            return calls.stream().map(c -> c.call.method() + "→" + c.outcome)
                    .collect(Collectors.joining(", ", "[", "]"));
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 500 ? s : s.substring(0, 500) + "...";
    }

    /** Stops the server; calls still being delayed are released first. */
    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
            workspace.changed();
        }
        server.stop(0);
        executor.shutdownNow();
    }

    @Override
    public String toString() {
        return "FakeSlackApi[" + baseUrl + "]";
    }

    // ---------------------------------------------------------------- HTTP

    private void handle(HttpExchange ex) {
        try {
            String path = ex.getRequestURI().getPath();
            if (path.startsWith(API_PATH)) {
                handleApi(ex, path.substring(API_PATH.length()));
            } else if (path.startsWith(UPLOAD_PATH)) {
                handleUpload(ex, path.substring(UPLOAD_PATH.length()));
            } else if (path.startsWith(RESPOND_PATH)) {
                handleRespond(ex, path.substring(RESPOND_PATH.length()));
            } else {
                send(ex, 404, TEXT, "not_found", Map.of());
            }
        } catch (IOException e) {
            // The client went away (a timeout, usually); Slack does not care either.
        } catch (RuntimeException e) {
            // A bug in the fake, not Slack behaviour: make it loud in the test output.
            e.printStackTrace();
            try {
                send(ex, 500, TEXT, "fake failed: " + e, Map.of());
            } catch (IOException | RuntimeException ignored) {
                // the response may already be under way
            }
        } finally {
            ex.close();
        }
    }

    private void handleApi(HttpExchange ex, String method) throws IOException {
        byte[] body = ex.getRequestBody().readAllBytes();
        Map<String, String> params = parseParams(ex, body);
        String token = bearerToken(ex);
        if (token == null) {
            token = params.get("token");
        }
        WebApiMethods.Handler handler = methods.get(method).orElse(null);
        // apps.connections.open takes only an app-level token (xapp-), every other method only the bot token.
        String expected = APPS_CONNECTIONS_OPEN.equals(method) ? appToken : botToken;
        String authError = token == null || token.isBlank() ? Errors.NOT_AUTHED
                : token.equals(expected) ? null : Errors.INVALID_AUTH;
        CallRecord record;
        Injection injection = null;
        synchronized (lock) {
            record = new CallRecord(new ApiCall(method, Collections.unmodifiableMap(params), Instant.now()));
            calls.add(record);
            if (handler != null && authError == null) {
                Deque<Injection> queue = injections.get(method);
                injection = queue == null ? null : queue.poll();
                if (injection == null) {
                    injection = overLimit(method);
                }
            }
            workspace.changed();
        }
        if (handler == null) {
            answer(ex, record, 404, obj("ok", false, "error", Errors.UNKNOWN_METHOD, "req_method", method), Map.of());
            return;
        }
        if (authError != null) {
            answer(ex, record, 200, obj("ok", false, "error", authError), Map.of());
            return;
        }
        if (injection instanceof Delay delay) {
            pause(delay.duration());
            injection = null;
        }
        if (injection instanceof Pass) {
            injection = null;
        }
        Params p = new Params(params);
        if (injection instanceof Fail f) {
            answer(ex, record, 200, obj("ok", false, "error", f.error()), Map.of());
        } else if (injection instanceof RateLimit r) {
            answer(ex, record, 429, obj("ok", false, "error", Errors.RATELIMITED),
                    Map.of("Retry-After", String.valueOf(r.retryAfterSeconds())));
        } else if (injection instanceof RateLimitedOk r) {
            answer(ex, record, 200, obj("ok", false, "error", Errors.RATELIMITED),
                    Map.of("Retry-After", String.valueOf(r.retryAfterSeconds())));
        } else if (injection instanceof ServerError) {
            answer(ex, record, 500, obj("ok", false, "error", Errors.INTERNAL_ERROR), Map.of());
        } else if (injection instanceof FailAfterActing f) {
            invoke(handler, p);
            answer(ex, record, 500, obj("ok", false, "error", f.error()), Map.of());
        } else {
            answer(ex, record, 200, invoke(handler, p), scopesHeader(method));
        }
    }

    /** Slack tells a bot token's scopes on every answer to it. */
    private Map<String, String> scopesHeader(String method) {
        if (APPS_CONNECTIONS_OPEN.equals(method)) {
            return Map.of();
        }
        synchronized (lock) {
            return Map.of("x-oauth-scopes", String.join(",", workspace.grantedScopes));
        }
    }

    /** Runs one method under the lock: Slack applies each call atomically. */
    private JsonObject invoke(WebApiMethods.Handler handler, Params params) {
        synchronized (lock) {
            try {
                JsonObject result = handler.call(params);
                JsonObject out = obj("ok", true);
                result.entrySet().forEach(e -> out.add(e.getKey(), e.getValue()));
                return out;
            } catch (SlackRefusal e) {
                return e.toJson();
            } finally {
                workspace.changed();
            }
        }
    }

    private void answer(HttpExchange ex, CallRecord record, int status, JsonObject body, Map<String, String> headers)
            throws IOException {
        synchronized (lock) {
            record.outcome = status != 200 ? "HTTP " + status
                    : body.get("ok").getAsBoolean() ? "ok" : body.get("error").getAsString();
            workspace.changed();
        }
        send(ex, status, JSON, body.toString(), headers);
    }

    private void pause(Duration duration) {
        long deadline = System.nanoTime() + duration.toNanos();
        synchronized (lock) {
            while (!closed) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(lock, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** The upload_url: stores the POSTed bytes and answers like files.slack.com does. */
    private void handleUpload(HttpExchange ex, String fileId) throws IOException {
        if (!"POST".equalsIgnoreCase(ex.getRequestMethod())) {
            send(ex, 405, TEXT, "method_not_allowed", Map.of());
            return;
        }
        byte[] body = ex.getRequestBody().readAllBytes();
        String contentType = ex.getRequestHeaders().getFirst("Content-Type");
        byte[] content = contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")
                ? Multipart.filePart(body, contentType) : body;
        if (content == null) {
            send(ex, 400, TEXT, "invalid_multipart", Map.of());
            return;
        }
        boolean accepted;
        synchronized (lock) {
            FileState file = workspace.files.get(fileId);
            accepted = file != null && !file.completed;
            if (accepted) {
                file.content = content;
            }
            workspace.changed();
        }
        if (accepted) {
            send(ex, 200, TEXT, "OK - " + content.length, Map.of());
        } else {
            send(ex, 404, TEXT, Errors.FILE_NOT_FOUND, Map.of());
        }
    }

    /** A response_url: records the JSON body; five uses, then 404 used_url. */
    private void handleRespond(HttpExchange ex, String id) throws IOException {
        if (!"POST".equalsIgnoreCase(ex.getRequestMethod())) {
            send(ex, 405, TEXT, "method_not_allowed", Map.of());
            return;
        }
        String json = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        int status;
        String answer;
        synchronized (lock) {
            List<ResponseUrlPost> posts = responseUrls.get(id);
            if (posts == null) {
                status = 404;
                answer = Errors.NO_SERVICE;
            } else if (posts.size() >= RESPONSE_URL_USES) {
                status = 404;
                answer = Errors.USED_URL;
            } else {
                String refusal = responsePayloadError(json);
                status = refusal == null ? 200 : 400;
                answer = refusal == null ? "ok" : refusal;
                if (refusal == null) {
                    posts.add(new ResponseUrlPost(id, json));
                }
            }
            workspace.changed();
        }
        send(ex, status, TEXT, answer, Map.of());
    }

    private static String responsePayloadError(String json) {
        JsonObject body;
        try {
            JsonElement e = JsonParser.parseString(json);
            if (!e.isJsonObject()) {
                return Errors.INVALID_PAYLOAD;
            }
            body = e.getAsJsonObject();
        } catch (JsonParseException e) {
            return Errors.INVALID_PAYLOAD;
        }
        if (body.has("delete_original") && body.get("delete_original").isJsonPrimitive()
                && body.get("delete_original").getAsBoolean()) {
            return null;
        }
        String text = Json.stringOrNull(body, "text");
        JsonElement blocks = body.get("blocks");
        boolean hasBlocks = blocks != null && !blocks.isJsonNull() && !(blocks.isJsonArray() && blocks.getAsJsonArray().isEmpty());
        if (hasBlocks) {
            List<BlockKit.Violation> violations = BlockKit.violations(blocks);
            if (!violations.isEmpty()) {
                return violations.get(0).error();
            }
        }
        return (text == null || text.isEmpty()) && !hasBlocks ? Errors.NO_TEXT : null;
    }

    private static void send(HttpExchange ex, int status, String contentType, String body, Map<String, String> headers)
            throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", contentType);
        headers.forEach((k, v) -> ex.getResponseHeaders().set(k, v));
        ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            ex.getResponseBody().write(bytes);
        }
    }

    private static String bearerToken(HttpExchange ex) {
        String header = ex.getRequestHeaders().getFirst("Authorization");
        if (header == null) {
            return null;
        }
        String h = header.strip();
        return h.regionMatches(true, 0, "Bearer ", 0, 7) ? h.substring(7).strip() : null;
    }

    /** Query string, then the body: form-urlencoded, or JSON with nested values kept as JSON strings. */
    private static Map<String, String> parseParams(HttpExchange ex, byte[] body) {
        Map<String, String> params = new LinkedHashMap<>();
        parseForm(ex.getRequestURI().getRawQuery(), params);
        String contentType = ex.getRequestHeaders().getFirst("Content-Type");
        String text = new String(body, StandardCharsets.UTF_8);
        if (contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            if (!text.isBlank()) {
                try {
                    JsonElement json = JsonParser.parseString(text);
                    if (json.isJsonObject()) {
                        for (Map.Entry<String, JsonElement> e : json.getAsJsonObject().entrySet()) {
                            JsonElement v = e.getValue();
                            if (!v.isJsonNull()) {
                                params.put(e.getKey(), v.isJsonPrimitive() ? v.getAsString() : v.toString());
                            }
                        }
                    }
                } catch (JsonParseException ignored) {
                    // Slack ignores a body it cannot read; the method then misses its arguments.
                }
            }
        } else {
            parseForm(text, params);
        }
        return params;
    }

    private static void parseForm(String form, Map<String, String> into) {
        if (form == null || form.isEmpty()) {
            return;
        }
        for (String pair : form.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            into.put(key, value);
        }
    }
}
