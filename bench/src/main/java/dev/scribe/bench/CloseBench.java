package dev.scribe.bench;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.methods.MethodsClient;
import dev.scribe.incident.IncidentService;
import dev.scribe.incident.ReactionMap;
import dev.scribe.report.Postmortem;
import dev.scribe.report.PostmortemRenderer;
import dev.scribe.slack.ReportPublisher;
import dev.scribe.slack.WorkspaceDirectory;
import dev.scribe.storage.Database;
import dev.scribe.storage.JdbiIncidentStore;
import dev.scribe.storage.JdbiOutbox;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Optional;

/**
 * Times closing an incident, from the stored data to the finished Markdown, the way the bot does it:
 * {@link ReportPublisher#compile} (load messages, entries and marks, look up names, build timeline and key
 * timings) and {@link PostmortemRenderer}. Runs in its own JVM with the bot's flags and heap, so its peak RSS
 * is the close's own. Arguments: JDBC URL, then {@code number:messages} per incident. Prints one
 * {@code CLOSE} line per incident for the orchestrator.
 */
public final class CloseBench {

    private CloseBench() {
    }

    public static void main(String[] args) throws Exception {
        ZoneId zone = ZoneId.of("Europe/London");
        try (SlackStub slack = new SlackStub();
             Database db = Database.open(args[0], null, null);
             RssSampler rss = RssSampler.self()) {
            SlackConfig config = new SlackConfig();
            config.setMethodsEndpointUrlPrefix(slack.apiUrl());
            MethodsClient methods = Slack.getInstance(config).methods("xoxb-bench");
            Clock clock = Clock.systemUTC();
            IncidentService incidents = new IncidentService(new JdbiIncidentStore(db, clock), clock, zone,
                    ReactionMap.defaults());
            ReportPublisher publisher = new ReportPublisher(incidents, new WorkspaceDirectory(methods), zone,
                    Optional.empty(), new JdbiOutbox(db, clock));
            for (String arg : Arrays.copyOfRange(args, 1, args.length)) {
                int number = Integer.parseInt(arg.split(":")[0]);
                int messages = Integer.parseInt(arg.split(":")[1]);
                int warmups = messages <= 1_000 ? 20 : messages <= 10_000 ? 3 : 1;
                int runs = messages <= 1_000 ? 15 : messages <= 10_000 ? 5 : 3;
                System.gc();
                rss.reset();
                long markdownChars = 0;
                for (int i = 0; i < warmups; i++) {
                    markdownChars = close(publisher, number);
                }
                long[] nanos = new long[runs];
                for (int i = 0; i < runs; i++) {
                    long started = System.nanoTime();
                    markdownChars = close(publisher, number);
                    nanos[i] = System.nanoTime() - started;
                }
                Arrays.sort(nanos);
                System.out.printf("CLOSE %d %.3f %.3f %.3f %.1f %d %d%n", messages, nanos[runs / 2] / 1e6, nanos[0] / 1e6,
                        nanos[runs - 1] / 1e6, rss.peakMiB(), markdownChars, runs);
                System.out.flush();
            }
        }
    }

    /** One close: the stored incident to its Markdown. Returns the document's length so nothing is optimised away. */
    private static long close(ReportPublisher publisher, int number) {
        Postmortem report = publisher.compile(number);
        return new PostmortemRenderer().render(report).length();
    }
}
