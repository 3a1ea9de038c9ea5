package dev.scribe;

import dev.scribe.Config.ConfigException;
import dev.scribe.export.ReportCommand;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/** Starts Incident Scribe from the environment. Wiring only; errors at start-up are one line and exit 1 or 2. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        List<String> arguments = List.of(args);
        if (!arguments.isEmpty() && arguments.get(0).equals("report")) {
            // A command-line tool: only warnings on stderr, so the report on stdout reads cleanly.
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
            // UTF-8 whatever the locale: the report is Markdown with names and emoji, not the platform's charset.
            PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
            PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
            System.exit(report(arguments.subList(1, arguments.size()), System.getenv(), out, err));
            return;
        }
        if (arguments.equals(List.of("start-up-training"))) {
            // For the image build only (see StartUpTraining); it logs as the bot does, so its logging classes are trained.
            System.exit(StartUpTraining.command());
            return;
        }
        if (arguments.contains("--version")) {
            System.out.println("incident-scribe " + version());
            return;
        }
        if (arguments.contains("--help") || arguments.contains("-h")) {
            System.out.println(Usage.TEXT);
            return;
        }
        if (isFirstRun(System.getenv())) {
            System.err.println(Usage.FIRST_RUN);
            System.exit(2);
            return;
        }
        Config config;
        try {
            config = Config.fromEnvironment(System.getenv());
        } catch (ConfigException e) {
            System.err.println("incident-scribe: " + e.getMessage());
            System.exit(2);
            return;
        }
        Scribe scribe;
        try {
            scribe = Scribe.start(config, Clock.systemUTC());
        } catch (Exception e) {
            System.err.println("incident-scribe: could not start: " + config.redact(oneLine(e)));
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                scribe.close();
            } catch (Exception e) {
                System.err.println("incident-scribe: error while stopping: " + oneLine(e));
            }
        }, "scribe-shutdown"));
    }

    /**
     * {@code report}: the export command with the settings of {@code env} that apply to it; returns the exit code. A
     * malformed setting is the command's one line and exit code 2, like a bad option.
     */
    public static int report(List<String> args, Map<String, String> env, PrintStream out, PrintStream err) {
        return ReportCommand.run(args, () -> {
            try {
                return new ReportCommand.Settings(Config.zone(env), Config.reactions(env));
            } catch (ConfigException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
        }, out, err);
    }

    /** Nothing Slack-related is set at all: the person has not configured anything yet, so explain. */
    static boolean isFirstRun(java.util.Map<String, String> env) {
        return java.util.stream.Stream.of("SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET", "SLACK_APP_TOKEN")
                .allMatch(name -> env.get(name) == null || env.get(name).isBlank());
    }

    static String version() {
        String v = Main.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    private static String oneLine(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (root != e && root.getMessage() != null && !message.contains(root.getMessage())) {
            message += " (" + root.getMessage() + ")";
        }
        return message.replaceAll("\\s+", " ").strip();
    }
}
