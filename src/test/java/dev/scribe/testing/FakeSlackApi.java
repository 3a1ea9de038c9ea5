package dev.scribe.testing;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A local fake of the Slack Web API over real HTTP, for integration tests that would otherwise talk to slack.com.
 * It keeps state like Slack does (channels, members, messages, threads, pins, files) and refuses what Slack
 * refuses, with Slack's error strings, so a test fails where production would.
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
 * <p>Lengths are counted with {@link String#length()} (UTF-16 units), which is what Slack's limits are close to.
 * Everything is thread-safe: calls arrive on server threads, tests inspect from their own.
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

    // ---------------------------------------------------------------- Slack's limits

    public static final int MAX_BLOCKS = 50;
    public static final int MAX_SECTION_TEXT = 3000;
    public static final int MAX_SECTION_FIELDS = 10;
    public static final int MAX_FIELD_TEXT = 2000;
    public static final int MAX_HEADER_TEXT = 150;
    public static final int MAX_CONTEXT_ELEMENTS = 10;
    public static final int MAX_ACTIONS_ELEMENTS = 25;
    public static final int MAX_MARKDOWN_BLOCK_TEXT = 12000;
    /** Sum of every {@code text} string in a message's blocks. */
    public static final int MAX_BLOCKS_TOTAL_TEXT = 12000;
    public static final int MAX_BLOCK_ID = 255;
    public static final int MAX_MESSAGE_TEXT = 40000;
    public static final int MAX_CHANNEL_NAME = 80;
    public static final int MAX_PINS = 100;
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

    /** A chat.postEphemeral message; only its user saw it. */
    public record Ephemeral(String channel, String user, String messageTs, String text, String blocksJson) {
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
            return stringOrNull(body(), "text");
        }

        /** {@code response_type} ({@code ephemeral} when absent, as Slack defaults it). */
        public String responseType() {
            String type = stringOrNull(body(), "response_type");
            return type == null ? "ephemeral" : type;
        }
    }

    /** A channel the fake knows. */
    public record Channel(String id, String name) {
    }

    // ---------------------------------------------------------------- internals

    private static final String API_PATH = "/api/";
    private static final String UPLOAD_PATH = "/upload/";
    private static final String RESPOND_PATH = "/respond/";
    private static final String JSON = "application/json; charset=utf-8";
    private static final String TEXT = "text/plain; charset=utf-8";
    private static final Pattern CHANNEL_NAME_CHARS = Pattern.compile("[a-z0-9_-]+");
    private static final Pattern ONLY_PUNCTUATION = Pattern.compile("[_-]+");
    private static final Pattern TS = Pattern.compile("\\d+\\.\\d{6}");
    private static final long AWAIT_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    /** Block types a message may carry ({@code input} belongs to modals and is refused in messages, as Slack does). */
    private static final Set<String> MESSAGE_BLOCK_TYPES = Set.of("section", "header", "context", "divider", "actions",
            "image", "rich_text", "markdown", "file", "video", "table", "context_actions");
    private static final Set<String> TEXT_TYPES = Set.of("plain_text", "mrkdwn");

    @FunctionalInterface
    private interface Method {
        JsonObject call(Params params);
    }

    private sealed interface Injection permits Fail, RateLimit, ServerError, Delay, FailAfterActing {
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

    /** {@code tz} is null for a member whose profile has no time zone: users.info then leaves out the tz fields. */
    private record UserState(String id, String name, String displayName, String realName, boolean bot, String tz) {
    }

    private record Share(String channel, String ts, String threadTs, boolean isPrivate) {
    }

    private static final class CallRecord {
        final ApiCall call;
        String outcome = "pending";

        CallRecord(ApiCall call) {
            this.call = call;
        }
    }

    private static final class ChannelState {
        final String id;
        final String name;
        final boolean isPrivate;
        final String imUser;
        final long created = Instant.now().getEpochSecond();
        final Set<String> members = new LinkedHashSet<>();
        final List<StoredMessage> messages = new ArrayList<>();
        final List<Ephemeral> ephemerals = new ArrayList<>();
        final Set<String> pins = new LinkedHashSet<>();

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

    private static final class StoredMessage {
        final String channel;
        final String ts;
        final String threadTs;
        final String user;
        String text;
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

    private static final Comparator<StoredMessage> BY_TS = (a, b) -> compareTs(a.ts, b.ts);

    private static final class FileState {
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

    private static final class ResponseUrlState {
        final List<ResponseUrlPost> posts = new ArrayList<>();
    }

    /** A refusal: ok:false with Slack's error string and any extra fields. */
    private static final class SlackError extends RuntimeException {
        final String error;
        final JsonObject extra;

        SlackError(String error, JsonObject extra) {
            super(error, null, false, false);
            this.error = error;
            this.extra = extra;
        }

        JsonObject toJson() {
            JsonObject o = obj("ok", false, "error", error);
            if (extra != null) {
                extra.entrySet().forEach(e -> o.add(e.getKey(), e.getValue()));
            }
            return o;
        }
    }

    /** Request params; an empty value counts as absent, as it does for Slack. */
    private static final class Params {
        final Map<String, String> map;

        Params(Map<String, String> map) {
            this.map = map;
        }

        String get(String name) {
            String v = map.get(name);
            return v == null || v.isEmpty() ? null : v;
        }

        boolean flag(String name) {
            String v = get(name);
            return "1".equals(v) || "true".equalsIgnoreCase(v);
        }

        int intValue(String name, int dflt, int max) {
            try {
                String v = get(name);
                int n = v == null ? dflt : Integer.parseInt(v.strip());
                return n <= 0 ? dflt : Math.min(n, max);
            } catch (NumberFormatException e) {
                return dflt;
            }
        }
    }

    private final Object lock = new Object();
    private final String botToken;
    private final HttpServer server;
    private final ExecutorService executor;
    private final String baseUrl;
    private final Map<String, Method> methods;

    // Everything below is guarded by lock.
    private long version;
    private boolean closed;
    private long lastTsMicros;
    private int channelCounter;
    private int fileCounter;
    private String channelCreationDenial;
    private final List<CallRecord> calls = new ArrayList<>();
    private final Map<String, Deque<Injection>> injections = new HashMap<>();
    private final Map<String, UserState> users = new LinkedHashMap<>();
    private final Map<String, ChannelState> channels = new LinkedHashMap<>();
    private final Map<String, FileState> files = new LinkedHashMap<>();
    private final List<UploadedFile> uploaded = new ArrayList<>();
    private final Map<String, ResponseUrlState> responseUrls = new HashMap<>();
    private static final String APPS_CONNECTIONS_OPEN = "apps.connections.open";
    private volatile String appToken = "xapp-socket-mode-not-enabled";
    private volatile Supplier<String> socketUrls;

    /** Starts the fake on 127.0.0.1 and a free port; only {@code botToken} is accepted. */
    public FakeSlackApi(String botToken) {
        if (botToken == null || botToken.isBlank()) {
            throw new IllegalArgumentException("botToken");
        }
        this.botToken = botToken;
        this.methods = methodTable();
        users.put(BOT_USER_ID, new UserState(BOT_USER_ID, BOT_NAME, "Incident Scribe", "Incident Scribe", true, "Etc/UTC"));
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
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
        this.baseUrl = "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    private Map<String, Method> methodTable() {
        Map<String, Method> m = new HashMap<>();
        m.put("auth.test", this::authTest);
        m.put("bots.info", this::botsInfo);
        m.put("users.info", this::usersInfo);
        m.put("conversations.create", this::conversationsCreate);
        m.put("conversations.invite", this::conversationsInvite);
        m.put("conversations.join", this::conversationsJoin);
        m.put("conversations.info", this::conversationsInfo);
        m.put("conversations.members", this::conversationsMembers);
        m.put("conversations.history", this::conversationsHistory);
        m.put("conversations.replies", this::conversationsReplies);
        m.put("chat.postMessage", this::chatPostMessage);
        m.put("chat.update", this::chatUpdate);
        m.put("chat.postEphemeral", this::chatPostEphemeral);
        m.put("chat.getPermalink", this::chatGetPermalink);
        m.put("pins.add", this::pinsAdd);
        m.put("files.getUploadURLExternal", this::filesGetUploadUrlExternal);
        m.put("files.completeUploadExternal", this::filesCompleteUploadExternal);
        m.put("files.info", this::filesInfo);
        m.put(APPS_CONNECTIONS_OPEN, this::appsConnectionsOpen);
        // Slack retired files.upload (v1); the SDK's filesUploadV2 does not use it.
        m.put("files.upload", p -> {
            throw fail(Errors.METHOD_DEPRECATED);
        });
        return Map.copyOf(m);
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
            throw fail(Errors.NOT_ALLOWED_TOKEN_TYPE);
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
            responseUrls.computeIfAbsent(id, k -> new ResponseUrlState());
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
            users.put(id, new UserState(id, name, displayName, displayName, false, null));
        }
    }

    /** Registers a workspace member whose Slack time zone is {@code tz}, a tz database id such as {@code Europe/London}. */
    public void addUser(String id, String name, String displayName, String tz) {
        ZoneId.of(tz); // Slack only ever gives a real zone id
        synchronized (lock) {
            users.put(id, new UserState(id, name, displayName, displayName, false, tz));
        }
    }

    /** Registers an existing public channel the bot is a member of. */
    public void addChannel(String id, String name) {
        addChannel(id, name, true);
    }

    /** Registers an existing public channel; where the bot is no member, Slack refuses posts with not_in_channel. */
    public void addChannel(String id, String name, boolean botIsMember) {
        register(new ChannelState(id, name, false, null), botIsMember);
    }

    /** Registers an existing private channel; where the bot is no member, Slack says channel_not_found. */
    public void addPrivateChannel(String id, String name, boolean botIsMember) {
        register(new ChannelState(id, name, true, null), botIsMember);
    }

    /** Makes a user a member of a channel (ephemeral messages reach channel members only). */
    public void addMember(String channelId, String userId) {
        synchronized (lock) {
            requireChannel(channelId).members.add(userId);
            changed();
        }
    }

    /** Stores a message someone else wrote, at a fresh ts, so the bot can thread under it; returns its ts. */
    public String addMessage(String channelId, String userId, String text) {
        synchronized (lock) {
            String ts = nextTs();
            addMessage(channelId, ts, null, userId, text);
            return ts;
        }
    }

    /** Stores a message someone else wrote at a given ts (a reply when threadTs is set); Slack ts are unique per channel. */
    public void addMessage(String channelId, String ts, String threadTs, String userId, String text) {
        if (!TS.matcher(ts).matches()) {
            throw new IllegalArgumentException("not a Slack ts: " + ts);
        }
        synchronized (lock) {
            ChannelState ch = requireChannel(channelId);
            if (ch.message(ts).isPresent()) {
                throw new IllegalArgumentException("ts " + ts + " is taken in " + channelId);
            }
            ch.messages.add(new StoredMessage(channelId, ts, threadTs, userId, text, null, null));
            changed();
        }
    }

    /** Makes conversations.create fail as Slack does without the scope or when an admin restricts creation. */
    public void denyChannelCreation(String error) {
        synchronized (lock) {
            channelCreationDenial = error;
        }
    }

    /** Undoes {@link #denyChannelCreation}. */
    public void allowChannelCreation() {
        synchronized (lock) {
            channelCreationDenial = null;
        }
    }

    // ---------------------------------------------------------------- failure injection

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
            ChannelState ch = channels.get(channelId);
            return ch == null ? List.of() : ch.messages.stream().map(StoredMessage::snapshot).toList();
        }
    }

    /** The replies in one thread, oldest first (the parent excluded). */
    public List<PostedMessage> threadReplies(String channelId, String threadTs) {
        synchronized (lock) {
            ChannelState ch = channels.get(channelId);
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
            ChannelState ch = channels.get(channelId);
            return ch == null ? Optional.empty() : ch.message(ts).map(StoredMessage::snapshot);
        }
    }

    /** How many times chat.update changed a message. */
    public int editCount(String channelId, String ts) {
        synchronized (lock) {
            ChannelState ch = channels.get(channelId);
            return ch == null ? 0 : ch.message(ts).map(m -> m.edits).orElse(0);
        }
    }

    /** A message's metadata as JSON ({@code event_type}, {@code event_payload}), if it was posted with some. */
    public Optional<String> metadata(String channelId, String ts) {
        synchronized (lock) {
            ChannelState ch = channels.get(channelId);
            return ch == null ? Optional.empty()
                    : ch.message(ts).filter(m -> m.metadata != null).map(m -> m.metadata.toString());
        }
    }

    /** The ephemeral messages posted in a channel, in order. */
    public List<Ephemeral> ephemerals(String channelId) {
        synchronized (lock) {
            ChannelState ch = channels.get(channelId);
            return ch == null ? List.of() : List.copyOf(ch.ephemerals);
        }
    }

    /** The ts of the pinned messages, in pin order. */
    public List<String> pinned(String channelId) {
        synchronized (lock) {
            ChannelState ch = channels.get(channelId);
            return ch == null ? List.of() : List.copyOf(ch.pins);
        }
    }

    /** The channel's members, the bot included when it is one. */
    public List<String> members(String channelId) {
        synchronized (lock) {
            ChannelState ch = channels.get(channelId);
            return ch == null ? List.of() : List.copyOf(ch.members);
        }
    }

    /** Files completed with files.completeUploadExternal, one entry per file and channel shared to. */
    public List<UploadedFile> uploadedFiles() {
        synchronized (lock) {
            return List.copyOf(uploaded);
        }
    }

    /** The accepted posts to one response_url, in order. */
    public List<ResponseUrlPost> responseUrlPosts(String id) {
        synchronized (lock) {
            ResponseUrlState s = responseUrls.get(id);
            return s == null ? List.of() : List.copyOf(s.posts);
        }
    }

    /** Every channel (not DMs), registered or created, in creation order. */
    public List<Channel> channels() {
        synchronized (lock) {
            return channels.values().stream().filter(c -> c.imUser == null).map(c -> new Channel(c.id, c.name)).toList();
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
                seen = version;
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
                if (version == seen) {
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
            changed();
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
        Method handler = methods.get(method);
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
            }
            changed();
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
        Params p = new Params(params);
        if (injection instanceof Fail f) {
            answer(ex, record, 200, obj("ok", false, "error", f.error()), Map.of());
        } else if (injection instanceof RateLimit r) {
            answer(ex, record, 429, obj("ok", false, "error", Errors.RATELIMITED),
                    Map.of("Retry-After", String.valueOf(r.retryAfterSeconds())));
        } else if (injection instanceof ServerError) {
            answer(ex, record, 500, obj("ok", false, "error", Errors.INTERNAL_ERROR), Map.of());
        } else if (injection instanceof FailAfterActing f) {
            invoke(handler, p);
            answer(ex, record, 500, obj("ok", false, "error", f.error()), Map.of());
        } else {
            answer(ex, record, 200, invoke(handler, p), Map.of());
        }
    }

    /** Runs one method under the lock: Slack applies each call atomically. */
    private JsonObject invoke(Method handler, Params params) {
        synchronized (lock) {
            try {
                JsonObject result = handler.call(params);
                JsonObject out = obj("ok", true);
                result.entrySet().forEach(e -> out.add(e.getKey(), e.getValue()));
                return out;
            } catch (SlackError e) {
                return e.toJson();
            } finally {
                changed();
            }
        }
    }

    private void answer(HttpExchange ex, CallRecord record, int status, JsonObject body, Map<String, String> headers)
            throws IOException {
        synchronized (lock) {
            record.outcome = status != 200 ? "HTTP " + status
                    : body.get("ok").getAsBoolean() ? "ok" : body.get("error").getAsString();
            changed();
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
            FileState file = files.get(fileId);
            accepted = file != null && !file.completed;
            if (accepted) {
                file.content = content;
            }
            changed();
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
            ResponseUrlState state = responseUrls.get(id);
            if (state == null) {
                status = 404;
                answer = Errors.NO_SERVICE;
            } else if (state.posts.size() >= RESPONSE_URL_USES) {
                status = 404;
                answer = Errors.USED_URL;
            } else {
                String refusal = responsePayloadError(json);
                status = refusal == null ? 200 : 400;
                answer = refusal == null ? "ok" : refusal;
                if (refusal == null) {
                    state.posts.add(new ResponseUrlPost(id, json));
                }
            }
            changed();
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
        String text = stringOrNull(body, "text");
        JsonElement blocks = body.get("blocks");
        boolean hasBlocks = blocks != null && !blocks.isJsonNull() && !(blocks.isJsonArray() && blocks.getAsJsonArray().isEmpty());
        if (hasBlocks) {
            try {
                Blocks.validate(blocks);
            } catch (SlackError e) {
                return e.error;
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

    // ---------------------------------------------------------------- methods: identity

    private JsonObject authTest(Params p) {
        return obj("url", WORKSPACE_URL, "team", TEAM_NAME, "user", BOT_NAME, "team_id", TEAM_ID,
                "user_id", BOT_USER_ID, "bot_id", BOT_ID, "is_enterprise_install", false);
    }

    private JsonObject botsInfo(Params p) {
        String bot = p.get("bot");
        if (bot == null || !bot.startsWith("B")) {
            throw fail(Errors.BOT_NOT_FOUND);
        }
        boolean ours = BOT_ID.equals(bot);
        return obj("bot", obj("id", bot, "deleted", false, "name", ours ? BOT_NAME : "bot-" + bot.toLowerCase(Locale.ROOT),
                "app_id", ours ? APP_ID : "A" + bot.substring(1), "user_id", ours ? BOT_USER_ID : "U" + bot,
                "updated", Instant.now().getEpochSecond()));
    }

    private JsonObject usersInfo(Params p) {
        UserState u = p.get("user") == null ? null : users.get(p.get("user"));
        if (u == null) {
            throw fail(Errors.USER_NOT_FOUND);
        }
        JsonObject profile = obj("display_name", u.displayName(), "display_name_normalized", u.displayName(),
                "real_name", u.realName(), "real_name_normalized", u.realName());
        if (u.bot()) {
            profile.addProperty("bot_id", BOT_ID);
        }
        JsonObject user = obj("id", u.id(), "team_id", TEAM_ID, "name", u.name(), "real_name", u.realName(),
                "deleted", false, "is_bot", u.bot(), "is_app_user", false, "profile", profile);
        if (u.tz() != null) {
            // As Slack: the zone id, its name now and its offset now, in seconds.
            ZonedDateTime now = ZonedDateTime.now(ZoneId.of(u.tz()));
            user.addProperty("tz", u.tz());
            user.addProperty("tz_label", now.format(DateTimeFormatter.ofPattern("zzzz", Locale.ENGLISH)));
            user.addProperty("tz_offset", now.getOffset().getTotalSeconds());
        }
        return obj("user", user);
    }

    // ---------------------------------------------------------------- methods: conversations

    private JsonObject conversationsCreate(Params p) {
        if (channelCreationDenial != null) {
            JsonObject extra = Errors.MISSING_SCOPE.equals(channelCreationDenial)
                    ? obj("needed", p.flag("is_private") ? "groups:write" : "channels:manage", "provided", PROVIDED_SCOPES)
                    : null;
            throw new SlackError(channelCreationDenial, extra);
        }
        String name = p.get("name");
        if (name == null) {
            throw fail(Errors.INVALID_NAME_REQUIRED);
        }
        if (name.length() > MAX_CHANNEL_NAME) {
            throw fail(Errors.INVALID_NAME_MAXLENGTH);
        }
        if (!CHANNEL_NAME_CHARS.matcher(name).matches()) {
            throw fail(Errors.INVALID_NAME_SPECIALS);
        }
        if (ONLY_PUNCTUATION.matcher(name).matches()) {
            throw fail(Errors.INVALID_NAME_PUNCTUATION);
        }
        if (channels.values().stream().anyMatch(c -> name.equals(c.name))) {
            throw fail(Errors.NAME_TAKEN);
        }
        ChannelState ch = new ChannelState(String.format("C%07d", ++channelCounter), name, p.flag("is_private"), null);
        ch.members.add(BOT_USER_ID);
        channels.put(ch.id, ch);
        return obj("channel", channelJson(ch));
    }

    private JsonObject conversationsInvite(Params p) {
        ChannelState ch = memberChannel(p.get("channel"));
        String list = p.get("users");
        if (list == null) {
            throw fail(Errors.NO_USER);
        }
        List<String> invited = Arrays.stream(list.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
        if (invited.isEmpty()) {
            throw fail(Errors.NO_USER);
        }
        for (String user : invited) {
            if (BOT_USER_ID.equals(user)) {
                throw fail(Errors.CANT_INVITE_SELF);
            }
            if (!users.containsKey(user)) {
                throw fail(Errors.USER_NOT_FOUND);
            }
            if (ch.members.contains(user)) {
                throw fail(Errors.ALREADY_IN_CHANNEL);
            }
        }
        ch.members.addAll(invited);
        return obj("channel", channelJson(ch));
    }

    private JsonObject conversationsJoin(Params p) {
        ChannelState ch = visibleChannel(p.get("channel"));
        if (ch.isPrivate || ch.imUser != null) {
            throw fail(Errors.METHOD_NOT_SUPPORTED_FOR_CHANNEL_TYPE);
        }
        boolean already = !ch.members.add(BOT_USER_ID);
        JsonObject out = obj("channel", channelJson(ch));
        if (already) {
            out.addProperty("warning", Errors.ALREADY_IN_CHANNEL);
            out.add("response_metadata", obj("warnings", array(Errors.ALREADY_IN_CHANNEL)));
        }
        return out;
    }

    private JsonObject conversationsInfo(Params p) {
        return obj("channel", channelJson(visibleChannel(p.get("channel"))));
    }

    private JsonObject conversationsMembers(Params p) {
        ChannelState ch = visibleChannel(p.get("channel"));
        JsonArray members = new JsonArray();
        ch.members.forEach(members::add);
        return obj("members", members, "response_metadata", obj("next_cursor", ""));
    }

    /**
     * Top-level messages newest first; metadata only with include_all_metadata. Pages like Slack: at most
     * {@code limit} (default 100, at most 999) a call, {@code has_more} and a {@code next_cursor} to pass as
     * {@code cursor} with the same filters for the next page; a cursor this fake did not hand out is
     * {@code invalid_cursor}.
     */
    private JsonObject conversationsHistory(Params p) {
        ChannelState ch = memberChannel(p.get("channel"));
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
     * {@link #conversationsHistory} (default limit 1000, at most 1000); the parent comes on the first page only.
     */
    private JsonObject conversationsReplies(Params p) {
        ChannelState ch = memberChannel(p.get("channel"));
        String ts = p.get("ts");
        StoredMessage m = ts == null ? null : ch.message(ts).orElse(null);
        if (m == null) {
            throw fail(Errors.THREAD_NOT_FOUND);
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
        return java.util.Base64.getEncoder().encodeToString(("next_ts:" + ts).getBytes(StandardCharsets.UTF_8));
    }

    /** The ts a cursor continues from; null without a cursor; invalid_cursor for one not handed out. */
    private static String cursorTs(String cursor) {
        if (cursor == null) {
            return null;
        }
        try {
            String decoded = new String(java.util.Base64.getDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (decoded.startsWith("next_ts:") && TS.matcher(decoded.substring(8)).matches()) {
                return decoded.substring(8);
            }
        } catch (IllegalArgumentException e) {
            // not base64: refused below
        }
        throw fail(Errors.INVALID_CURSOR);
    }

    // ---------------------------------------------------------------- methods: chat

    private JsonObject chatPostMessage(Params p) {
        ChannelState ch = postTarget(p.get("channel"));
        Content content = content(p);
        JsonObject metadata = metadata(p.get("metadata"));
        String threadTs = threadOf(ch, p.get("thread_ts"));
        StoredMessage m = new StoredMessage(ch.id, nextTs(), threadTs, BOT_USER_ID, content.text(), content.blocksJson(),
                metadata);
        ch.messages.add(m);
        return obj("channel", ch.id, "ts", m.ts, "message", messageJson(ch, m, true));
    }

    private JsonObject chatUpdate(Params p) {
        ChannelState ch = memberChannel(p.get("channel"));
        String ts = p.get("ts");
        StoredMessage m = ts == null ? null : ch.message(ts).orElse(null);
        if (m == null) {
            throw fail(Errors.MESSAGE_NOT_FOUND);
        }
        if (!BOT_USER_ID.equals(m.user)) {
            throw fail(Errors.CANT_UPDATE_MESSAGE);
        }
        boolean blocksGiven = p.map.containsKey("blocks");
        Content content = blocksGiven || p.get("text") != null || p.get("markdown_text") != null ? content(p) : null;
        if (content == null) {
            throw fail(Errors.NO_TEXT);
        }
        // Slack keeps what an update leaves out: no blocks field keeps the blocks, "[]" removes them.
        if (p.get("text") != null || p.get("markdown_text") != null) {
            m.text = content.text();
        }
        if (blocksGiven) {
            m.blocksJson = content.blocksJson();
        }
        if (p.map.containsKey("metadata")) {
            m.metadata = metadata(p.get("metadata"));
        }
        m.edits++;
        m.editedTs = nextTs();
        return obj("channel", ch.id, "ts", m.ts, "text", m.text, "message", messageJson(ch, m, true));
    }

    private JsonObject chatPostEphemeral(Params p) {
        ChannelState ch = memberChannel(p.get("channel"));
        String user = p.get("user");
        if (user == null || !users.containsKey(user)) {
            throw fail(Errors.USER_NOT_FOUND);
        }
        if (!ch.members.contains(user)) {
            throw fail(Errors.USER_NOT_IN_CHANNEL);
        }
        Content content = content(p);
        String ts = nextTs();
        ch.ephemerals.add(new Ephemeral(ch.id, user, ts, content.text(), content.blocksJson()));
        return obj("message_ts", ts);
    }

    private JsonObject chatGetPermalink(Params p) {
        ChannelState ch = visibleChannel(p.get("channel"));
        String ts = p.get("message_ts");
        StoredMessage m = ts == null ? null : ch.message(ts).orElse(null);
        if (m == null) {
            throw fail(Errors.MESSAGE_NOT_FOUND);
        }
        String link = WORKSPACE_URL + "archives/" + ch.id + "/p" + m.ts.replace(".", "");
        if (m.threadTs != null) {
            link += "?thread_ts=" + m.threadTs + "&cid=" + ch.id;
        }
        return obj("channel", ch.id, "permalink", link);
    }

    private JsonObject pinsAdd(Params p) {
        ChannelState ch = visibleChannel(p.get("channel"));
        String ts = p.get("timestamp");
        if (ts == null) {
            throw fail(Errors.NO_ITEM_SPECIFIED);
        }
        if (ch.message(ts).isEmpty()) {
            throw fail(Errors.MESSAGE_NOT_FOUND);
        }
        if (ch.pins.contains(ts)) {
            throw fail(Errors.ALREADY_PINNED);
        }
        if (ch.pins.size() >= MAX_PINS) {
            throw fail(Errors.TOO_MANY_PINS);
        }
        ch.pins.add(ts);
        return new JsonObject();
    }

    // ---------------------------------------------------------------- methods: files

    private JsonObject filesGetUploadUrlExternal(Params p) {
        String filename = p.get("filename");
        String length = p.get("length");
        long bytes;
        try {
            bytes = length == null ? -1 : Long.parseLong(length.strip());
        } catch (NumberFormatException e) {
            bytes = -1;
        }
        if (filename == null || filename.isBlank() || bytes < 0) {
            throw fail(Errors.INVALID_ARGUMENTS);
        }
        FileState file = new FileState(String.format("F%07d", ++fileCounter), filename, bytes);
        files.put(file.id, file);
        return obj("upload_url", baseUrl + "upload/" + file.id, "file_id", file.id);
    }

    private JsonObject filesCompleteUploadExternal(Params p) {
        List<FileState> completing = new ArrayList<>();
        List<String> titles = new ArrayList<>();
        for (JsonElement e : fileList(p.get("files"))) {
            JsonObject f = e.getAsJsonObject();
            FileState file = files.get(stringOrNull(f, "id"));
            // Slack completes an upload once, and only after its bytes arrived.
            if (file == null || file.content == null || file.completed || completing.contains(file)) {
                throw fail(Errors.FILE_NOT_FOUND);
            }
            completing.add(file);
            titles.add(stringOrNull(f, "title"));
        }
        List<ChannelState> targets = new ArrayList<>();
        String channelIds = p.get("channel_id") != null ? p.get("channel_id") : p.get("channels");
        if (channelIds != null) {
            for (String id : channelIds.split(",")) {
                targets.add(memberChannel(id.strip()));
            }
        }
        String threadTs = p.get("thread_ts");
        if (threadTs != null && targets.size() == 1) {
            // Documented: a parent's ts, never a reply's. The error name for a bad one is this fake's choice.
            StoredMessage parent = targets.get(0).message(threadTs).orElse(null);
            if (parent == null || parent.threadTs != null) {
                throw fail(Errors.THREAD_NOT_FOUND);
            }
        }
        String comment = p.get("initial_comment");
        JsonArray out = new JsonArray();
        for (int i = 0; i < completing.size(); i++) {
            FileState file = completing.get(i);
            file.completed = true;
            file.title = titles.get(i) != null ? titles.get(i) : file.filename;
            for (ChannelState ch : targets) {
                file.shares.add(new Share(ch.id, nextTs(), threadTs, ch.isPrivate));
                uploaded.add(new UploadedFile(file.id, file.filename, file.title, ch.id, threadTs, comment, file.content));
            }
            if (targets.isEmpty()) {
                uploaded.add(new UploadedFile(file.id, file.filename, file.title, null, null, comment, file.content));
            }
            out.add(obj("id", file.id, "title", file.title, "name", file.filename, "size", file.content.length));
        }
        return obj("files", out);
    }

    private static JsonArray fileList(String json) {
        try {
            JsonElement e = json == null ? null : JsonParser.parseString(json);
            if (e != null && e.isJsonArray() && !e.getAsJsonArray().isEmpty()) {
                JsonArray list = e.getAsJsonArray();
                boolean wellFormed = true;
                for (JsonElement f : list) {
                    wellFormed &= f.isJsonObject() && stringOrNull(f.getAsJsonObject(), "id") != null;
                }
                if (wellFormed) {
                    return list;
                }
            }
        } catch (JsonParseException ignored) {
            // falls through to the refusal
        }
        throw fail(Errors.INVALID_ARGUMENTS);
    }

    /** A completed file; Slack creates the file object on completion, so an uncompleted one is file_not_found. */
    private JsonObject filesInfo(Params p) {
        FileState file = p.get("file") == null ? null : files.get(p.get("file"));
        if (file == null || !file.completed) {
            throw fail(Errors.FILE_NOT_FOUND);
        }
        JsonArray publicChannels = new JsonArray();
        JsonArray privateChannels = new JsonArray();
        JsonObject publicShares = new JsonObject();
        JsonObject privateShares = new JsonObject();
        for (Share s : file.shares) {
            (s.isPrivate() ? privateChannels : publicChannels).add(s.channel());
            JsonObject detail = obj("ts", s.ts(), "thread_ts", s.threadTs(), "channel_name", channels.get(s.channel()).name,
                    "team_id", TEAM_ID, "share_user_id", BOT_USER_ID);
            JsonObject shares = s.isPrivate() ? privateShares : publicShares;
            if (!shares.has(s.channel())) {
                shares.add(s.channel(), new JsonArray());
            }
            shares.getAsJsonArray(s.channel()).add(detail);
        }
        JsonObject shares = new JsonObject();
        if (!publicShares.isEmpty()) {
            shares.add("public", publicShares);
        }
        if (!privateShares.isEmpty()) {
            shares.add("private", privateShares);
        }
        return obj("file", obj("id", file.id, "created", file.created, "name", file.filename, "title", file.title,
                "user", BOT_USER_ID, "size", file.content.length, "channels", publicChannels, "groups", privateChannels,
                "ims", new JsonArray(), "shares", shares));
    }

    // ---------------------------------------------------------------- channel rules

    private void register(ChannelState ch, boolean botIsMember) {
        synchronized (lock) {
            if (channels.containsKey(ch.id)) {
                throw new IllegalArgumentException("channel " + ch.id + " exists");
            }
            if (botIsMember) {
                ch.members.add(BOT_USER_ID);
            }
            channels.put(ch.id, ch);
            changed();
        }
    }

    private ChannelState requireChannel(String id) {
        ChannelState ch = channels.get(id);
        if (ch == null) {
            throw new IllegalArgumentException("no channel " + id + "; register it with addChannel first");
        }
        return ch;
    }

    /** A channel the bot can see: private channels it is not in do not exist for it. */
    private ChannelState visibleChannel(String id) {
        ChannelState ch = id == null ? null : channels.get(id);
        if (ch == null || (ch.isPrivate || ch.imUser != null) && !ch.botIsMember()) {
            throw fail(Errors.CHANNEL_NOT_FOUND);
        }
        return ch;
    }

    /** A channel the bot can act in: it must be a member. */
    private ChannelState memberChannel(String id) {
        ChannelState ch = visibleChannel(id);
        if (!ch.botIsMember()) {
            throw fail(Errors.NOT_IN_CHANNEL);
        }
        return ch;
    }

    /** chat.postMessage also takes a channel name or a user id (which opens the DM with that user). */
    private ChannelState postTarget(String target) {
        if (target != null && users.containsKey(target) && !BOT_USER_ID.equals(target)) {
            String dmId = "D" + target;
            ChannelState dm = channels.computeIfAbsent(dmId, id -> new ChannelState(id, null, true, target));
            dm.members.add(BOT_USER_ID);
            dm.members.add(target);
            return memberChannel(dmId);
        }
        if (target != null && !channels.containsKey(target)) {
            String name = target.startsWith("#") ? target.substring(1) : target;
            Optional<ChannelState> byName = channels.values().stream().filter(c -> name.equals(c.name)).findFirst();
            if (byName.isPresent()) {
                return memberChannel(byName.get().id);
            }
        }
        return memberChannel(target);
    }

    /** The thread a reply goes to; Slack refuses a ts that is no message of the channel. */
    private static String threadOf(ChannelState ch, String threadTs) {
        if (threadTs == null) {
            return null;
        }
        StoredMessage parent = ch.message(threadTs).orElseThrow(() -> fail(Errors.THREAD_NOT_FOUND));
        // Slack's docs say to use the parent's ts; given a reply's, the reply joins that reply's thread.
        return parent.threadTs != null ? parent.threadTs : parent.ts;
    }

    // ---------------------------------------------------------------- message content rules

    private record Content(String text, String blocksJson) {
    }

    /** text / markdown_text / blocks / attachments as Slack checks them: something to show, blocks valid, sizes kept. */
    private static Content content(Params p) {
        String text = p.get("text");
        String markdown = p.get("markdown_text");
        String blocks = p.map.get("blocks");
        if (markdown != null && (text != null || (blocks != null && !blocks.isBlank()))) {
            throw fail(Errors.MARKDOWN_TEXT_CONFLICT);
        }
        boolean hasBlocks = false;
        if (blocks != null && !blocks.isBlank()) {
            JsonElement parsed;
            try {
                parsed = JsonParser.parseString(blocks);
            } catch (JsonParseException e) {
                throw fail(Errors.INVALID_BLOCKS_FORMAT);
            }
            hasBlocks = Blocks.validate(parsed) > 0;
        }
        String shown = markdown != null ? markdown : text;
        if (shown == null && !hasBlocks && p.get("attachments") == null) {
            throw fail(Errors.NO_TEXT);
        }
        if (shown != null && shown.length() > MAX_MESSAGE_TEXT) {
            throw fail(Errors.MSG_TOO_LONG);
        }
        return new Content(shown == null ? "" : shown, hasBlocks ? blocks : null);
    }

    private static JsonObject metadata(String json) {
        if (json == null) {
            return null;
        }
        try {
            JsonElement e = JsonParser.parseString(json);
            if (e.isJsonObject() && stringOrNull(e.getAsJsonObject(), "event_type") != null
                    && e.getAsJsonObject().get("event_payload") != null
                    && e.getAsJsonObject().get("event_payload").isJsonObject()) {
                return e.getAsJsonObject();
            }
        } catch (JsonParseException ignored) {
            // falls through to the refusal
        }
        throw fail(Errors.INVALID_METADATA_FORMAT);
    }

    /** Block Kit rules for messages; every refusal carries a json-pointer like Slack's response_metadata. */
    private static final class Blocks {
        private Blocks() {
        }

        /** Validates a blocks value; returns the number of blocks. */
        static int validate(JsonElement parsed) {
            if (!parsed.isJsonArray()) {
                throw invalid("must be an array", "");
            }
            JsonArray blocks = parsed.getAsJsonArray();
            if (blocks.size() > MAX_BLOCKS) {
                throw invalid("must provide less than or equal to " + MAX_BLOCKS + " items", "");
            }
            Set<String> blockIds = new HashSet<>();
            for (int i = 0; i < blocks.size(); i++) {
                block(blocks.get(i), "/" + i, blockIds);
            }
            if (totalText(blocks) > MAX_BLOCKS_TOTAL_TEXT) {
                throw fail(Errors.MSG_BLOCKS_TOO_LONG);
            }
            return blocks.size();
        }

        private static void block(JsonElement element, String at, Set<String> blockIds) {
            if (!element.isJsonObject()) {
                throw invalid("must be an object", at);
            }
            JsonObject block = element.getAsJsonObject();
            String type = stringOrNull(block, "type");
            if (type == null || !MESSAGE_BLOCK_TYPES.contains(type)) {
                throw invalid("unsupported type " + type, at + "/type");
            }
            if (block.has("block_id")) {
                String id = stringOrNull(block, "block_id");
                if (id == null || id.isEmpty() || id.length() > MAX_BLOCK_ID || !blockIds.add(id)) {
                    throw invalid("block_id must be unique and 1.." + MAX_BLOCK_ID + " characters", at + "/block_id");
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

        private static void section(JsonObject block, String at) {
            JsonElement text = block.get("text");
            JsonElement fields = block.get("fields");
            if (text == null && fields == null) {
                throw invalid("must provide text or fields", at);
            }
            if (text != null) {
                textObject(text, at + "/text", false, MAX_SECTION_TEXT);
            }
            if (fields != null) {
                if (!fields.isJsonArray() || fields.getAsJsonArray().isEmpty()
                        || fields.getAsJsonArray().size() > MAX_SECTION_FIELDS) {
                    throw invalid("must provide 1.." + MAX_SECTION_FIELDS + " fields", at + "/fields");
                }
                JsonArray list = fields.getAsJsonArray();
                for (int i = 0; i < list.size(); i++) {
                    textObject(list.get(i), at + "/fields/" + i, false, MAX_FIELD_TEXT);
                }
            }
        }

        private static void context(JsonObject block, String at) {
            JsonArray elements = elements(block, at, MAX_CONTEXT_ELEMENTS);
            for (int i = 0; i < elements.size(); i++) {
                JsonElement e = elements.get(i);
                String type = e.isJsonObject() ? stringOrNull(e.getAsJsonObject(), "type") : null;
                if ("image".equals(type)) {
                    continue;
                }
                textObject(e, at + "/elements/" + i, false, MAX_SECTION_TEXT);
            }
        }

        private static JsonArray elements(JsonObject block, String at, int max) {
            JsonElement elements = block.get("elements");
            if (elements == null || !elements.isJsonArray() || elements.getAsJsonArray().isEmpty()
                    || elements.getAsJsonArray().size() > max) {
                throw invalid("must provide 1.." + max + " elements", at + "/elements");
            }
            return elements.getAsJsonArray();
        }

        private static void image(JsonObject block, String at) {
            if (stringOrNull(block, "image_url") == null && !block.has("slack_file")) {
                throw invalid("must provide image_url or slack_file", at);
            }
            String alt = stringOrNull(block, "alt_text");
            if (alt == null || alt.isEmpty() || alt.length() > 2000) {
                throw invalid("must provide alt_text of 1..2000 characters", at + "/alt_text");
            }
        }

        private static void markdown(JsonObject block, String at) {
            String text = stringOrNull(block, "text");
            if (text == null || text.isEmpty() || text.length() > MAX_MARKDOWN_BLOCK_TEXT) {
                throw invalid("must provide text of 1.." + MAX_MARKDOWN_BLOCK_TEXT + " characters", at + "/text");
            }
        }

        private static void textObject(JsonElement element, String at, boolean plainOnly, int max) {
            if (element == null || !element.isJsonObject()) {
                throw invalid("must be a text object", at);
            }
            JsonObject o = element.getAsJsonObject();
            String type = stringOrNull(o, "type");
            if (type == null || !TEXT_TYPES.contains(type) || plainOnly && !"plain_text".equals(type)) {
                throw invalid("must be " + (plainOnly ? "plain_text" : "plain_text or mrkdwn"), at + "/type");
            }
            String text = stringOrNull(o, "text");
            if (text == null || text.isEmpty()) {
                throw invalid("must be more than 0 characters", at + "/text");
            }
            if (text.length() > max) {
                throw invalid("must be less than " + (max + 1) + " characters", at + "/text");
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

        private static SlackError invalid(String message, String pointer) {
            return new SlackError(Errors.INVALID_BLOCKS, obj("response_metadata",
                    obj("messages", array("[ERROR] " + message + " [json-pointer:/blocks" + pointer + "]"))));
        }
    }

    // ---------------------------------------------------------------- JSON views

    private JsonObject channelJson(ChannelState c) {
        JsonObject o = obj("id", c.id, "created", c.created, "is_archived", false, "is_member", c.botIsMember());
        if (c.imUser != null) {
            o.addProperty("is_im", true);
            o.addProperty("user", c.imUser);
            return o;
        }
        return merge(o, obj("name", c.name, "name_normalized", c.name, "is_channel", true, "is_group", false,
                "is_im", false, "is_private", c.isPrivate, "is_general", "general".equals(c.name),
                "num_members", c.members.size()));
    }

    private JsonObject messageJson(ChannelState ch, StoredMessage m, boolean withMetadata) {
        JsonObject o = obj("type", "message", "text", m.text, "user", m.user, "ts", m.ts, "team", TEAM_ID);
        if (BOT_USER_ID.equals(m.user)) {
            o.addProperty("bot_id", BOT_ID);
            o.addProperty("app_id", APP_ID);
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
        return o;
    }

    // ---------------------------------------------------------------- small helpers

    /** A unique, strictly increasing ts: epoch seconds, a dot, six digits (microseconds). */
    private String nextTs() {
        long now = ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
        lastTsMicros = Math.max(now, lastTsMicros + 1);
        return String.format("%d.%06d", lastTsMicros / 1_000_000, lastTsMicros % 1_000_000);
    }

    private static int compareTs(String a, String b) {
        String[] x = a.split("\\.", 2);
        String[] y = b.split("\\.", 2);
        int c = Long.compare(Long.parseLong(x[0]), Long.parseLong(y[0]));
        if (c != 0) {
            return c;
        }
        return Long.compare(x.length > 1 ? Long.parseLong(x[1]) : 0, y.length > 1 ? Long.parseLong(y[1]) : 0);
    }

    /** Called with the lock held after every change: wakes await() and delayed calls. */
    private void changed() {
        version++;
        lock.notifyAll();
    }

    private static SlackError fail(String error) {
        return new SlackError(error, null);
    }

    private static String stringOrNull(JsonObject o, String key) {
        JsonElement e = o.get(key);
        return e != null && e.isJsonPrimitive() && e.getAsJsonPrimitive().isString() ? e.getAsString() : null;
    }

    /** Builds a JSON object from key/value pairs; null values are left out. */
    private static JsonObject obj(Object... keyValues) {
        JsonObject o = new JsonObject();
        for (int i = 0; i < keyValues.length; i += 2) {
            String key = (String) keyValues[i];
            Object v = keyValues[i + 1];
            if (v instanceof JsonElement e) {
                o.add(key, e);
            } else if (v instanceof String s) {
                o.addProperty(key, s);
            } else if (v instanceof Number n) {
                o.addProperty(key, n);
            } else if (v instanceof Boolean b) {
                o.addProperty(key, b);
            } else if (v != null) {
                throw new IllegalArgumentException(key + ": " + v.getClass());
            }
        }
        return o;
    }

    private static JsonObject merge(JsonObject into, JsonObject from) {
        from.entrySet().forEach(e -> into.add(e.getKey(), e.getValue()));
        return into;
    }

    private static JsonArray array(String... values) {
        JsonArray a = new JsonArray();
        for (String v : values) {
            a.add(new JsonPrimitive(v));
        }
        return a;
    }

    /** Reads the file part of a multipart/form-data body (the upload_url accepts both raw and multipart bodies). */
    private static final class Multipart {
        private Multipart() {
        }

        static byte[] filePart(byte[] body, String contentType) {
            String boundary = null;
            for (String part : contentType.split(";")) {
                String p = part.strip();
                if (p.toLowerCase(Locale.ROOT).startsWith("boundary=")) {
                    boundary = p.substring("boundary=".length()).replace("\"", "");
                }
            }
            if (boundary == null || boundary.isEmpty()) {
                return null;
            }
            // ISO-8859-1 maps bytes to chars one to one, so string offsets are byte offsets.
            String text = new String(body, StandardCharsets.ISO_8859_1);
            String delimiter = "--" + boundary;
            byte[] first = null;
            int at = text.indexOf(delimiter);
            while (at >= 0) {
                int start = at + delimiter.length();
                if (text.startsWith("--", start)) {
                    break;
                }
                if (text.startsWith("\r\n", start)) {
                    start += 2;
                }
                int next = text.indexOf("\r\n" + delimiter, start);
                int headersEnd = text.indexOf("\r\n\r\n", start);
                if (next < 0 || headersEnd < 0 || headersEnd > next) {
                    break;
                }
                byte[] content = Arrays.copyOfRange(body, headersEnd + 4, next);
                if (text.substring(start, headersEnd).toLowerCase(Locale.ROOT).contains("filename=")) {
                    return content;
                }
                if (first == null) {
                    first = content;
                }
                at = next + 2;
            }
            return first;
        }
    }
}
