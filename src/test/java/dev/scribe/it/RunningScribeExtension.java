package dev.scribe.it;

import dev.scribe.Config;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The real bot for each test, as a JUnit 5 extension: a test (or its {@code @BeforeEach}) that takes a
 * {@link RunningScribe} parameter gets the bot started with this extension's settings, on an H2 file of its own and
 * a seeded {@link dev.scribe.testing.FakeSlackApi}; every method of one test gets the same bot. Whatever the
 * extension started is closed after the test, and its folder deleted.
 *
 * <pre>{@code
 * @RegisterExtension
 * final RunningScribeExtension scribe = RunningScribeExtension.withEnv(Map.of("SCRIBE_TIMEZONE", "Europe/London"));
 *
 * @Test
 * void somethingHappens(RunningScribe bot) { ... }
 * }</pre>
 *
 * Register it on an instance field: its state is one test's.
 */
final class RunningScribeExtension implements ParameterResolver, BeforeEachCallback, AfterEachCallback {

    /** Who opens the incident before each test, and its title; null for a test that opens its own. */
    private record Opening(String user, String title) {
    }

    private final Map<String, String> env;
    private final Clock clock;
    private final Duration slackCallTimeout;
    private final Opening opening;
    private final Deque<RunningScribe> started = new ArrayDeque<>();
    private Path dir;
    private RunningScribe bot;
    private String incidentChannel;

    private RunningScribeExtension(Map<String, String> env, Clock clock, Duration slackCallTimeout, Opening opening) {
        this.env = Map.copyOf(env);
        this.clock = clock;
        this.slackCallTimeout = slackCallTimeout;
        this.opening = opening;
    }

    /** The bot with the test defaults (UTC, dedicated channels, the system clock). */
    static RunningScribeExtension withDefaults() {
        return new RunningScribeExtension(Map.of(), Clock.systemUTC(), Config.DEFAULT_SLACK_CALL_TIMEOUT, null);
    }

    /** The bot with {@code env} on top of the test defaults. */
    static RunningScribeExtension withEnv(Map<String, String> env) {
        return withDefaults().andEnv(env);
    }

    /** The same, with {@code extra} settings on top of these. */
    RunningScribeExtension andEnv(Map<String, String> extra) {
        Map<String, String> merged = new java.util.HashMap<>(env);
        merged.putAll(extra);
        return new RunningScribeExtension(merged, clock, slackCallTimeout, opening);
    }

    /** The same, on {@code clock} (the bot's and the request signer's). */
    RunningScribeExtension withClock(Clock other) {
        return new RunningScribeExtension(env, other, slackCallTimeout, opening);
    }

    /** The same, with a Slack call timeout other than production's 10 s, for tests of calls that hang. */
    RunningScribeExtension withSlackCallTimeout(Duration timeout) {
        return new RunningScribeExtension(env, clock, timeout, opening);
    }

    /**
     * The same, and before each test {@code user} runs {@code /incident start <title>} in #ops; a test parameter
     * {@code @IncidentChannel String channel} is the incident's channel.
     */
    RunningScribeExtension withIncident(String user, String title) {
        return new RunningScribeExtension(env, clock, slackCallTimeout, new Opening(user, title));
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        if (opening != null) {
            incidentChannel = bot().startIncident(opening.user(), opening.title());
        }
    }

    /** This test's bot with the extension's settings, started on first use. */
    RunningScribe bot() throws Exception {
        if (bot == null) {
            bot = start(Map.of(), clock);
        }
        return bot;
    }

    /**
     * Another bot for this test, on a database of its own, with {@code extraEnv} on top of the extension's
     * settings: for a test that needs settings its neighbours do not. Closed after the test like the first.
     */
    RunningScribe start(Map<String, String> extraEnv, Clock botClock) throws Exception {
        Map<String, String> merged = new java.util.HashMap<>(env);
        merged.putAll(extraEnv);
        Path home = Files.createDirectory(dir().resolve("bot-" + (started.size() + 1)));
        RunningScribe another = RunningScribe.start(home, merged, botClock, slackCallTimeout);
        started.push(another);
        return another;
    }

    /** A folder of this test's own, deleted after it (for files a test writes beside the bot). */
    Path dir() throws IOException {
        if (dir == null) {
            dir = Files.createTempDirectory("scribe-it-");
        }
        return dir;
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == RunningScribe.class || type == String.class && parameter.isAnnotated(IncidentChannel.class);
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        if (parameter.isAnnotated(IncidentChannel.class)) {
            if (incidentChannel == null) {
                throw new IllegalStateException("@IncidentChannel needs RunningScribeExtension.withIncident(...)");
            }
            return incidentChannel;
        }
        try {
            return bot();
        } catch (Exception e) {
            throw new IllegalStateException("the bot did not start", e);
        }
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        Exception first = null;
        // Newest first, as a test that restarts by hand would close them.
        while (!started.isEmpty()) {
            try {
                started.pop().close();
            } catch (Exception e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        bot = null;
        incidentChannel = null;
        if (dir != null) {
            deleteTree(dir);
            dir = null;
        }
        if (first != null) {
            throw first;
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
