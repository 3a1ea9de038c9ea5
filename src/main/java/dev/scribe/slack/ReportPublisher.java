package dev.scribe.slack;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import com.slack.api.util.json.GsonFactory;
import dev.scribe.incident.Incident;
import dev.scribe.incident.IncidentRecord;
import dev.scribe.incident.IncidentService;
import dev.scribe.outbox.Outbox;
import dev.scribe.outbox.OutboxPost;
import dev.scribe.outbox.PostKind;
import dev.scribe.outbox.ReportKey;
import dev.scribe.report.Postmortem;
import dev.scribe.report.PostmortemCompiler;
import dev.scribe.report.PostmortemRenderer;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compiles incidents' reports for Slack: the report itself, and on close every post it needs (the summary in
 * the incident channel and the retro channel, the timeline parts for its thread, the RCA skeleton as a file),
 * stored in the {@link Outbox} before anything is posted. Posting them is {@link dev.scribe.outbox.OutboxDrain}'s.
 */
public final class ReportPublisher {

    private static final Logger log = LoggerFactory.getLogger(ReportPublisher.class);
    private static final Gson SLACK_JSON = GsonFactory.createSnakeCase();

    private final IncidentService incidents;
    private final WorkspaceDirectory directory;
    private final ZoneId zone;
    private final Optional<String> retroChannel;
    private final Outbox outbox;
    private final Consumer<Postmortem> stored;
    private final IntFunction<Optional<String>> pages;

    public ReportPublisher(IncidentService incidents, WorkspaceDirectory directory, ZoneId zone,
                           Optional<String> retroChannel, Outbox outbox) {
        this(incidents, directory, zone, retroChannel, outbox, report -> { });
    }

    /**
     * As above; {@code stored} is told the report of each close once its posts are stored, which happens once per
     * close across every replica (the metrics count closes and their durations from it).
     */
    public ReportPublisher(IncidentService incidents, WorkspaceDirectory directory, ZoneId zone,
                           Optional<String> retroChannel, Outbox outbox, Consumer<Postmortem> stored) {
        this(incidents, directory, zone, retroChannel, outbox, stored, number -> Optional.empty());
    }

    /** As above; {@code pages} gives an incident's web page, which the summaries link to (empty: no link). */
    public ReportPublisher(IncidentService incidents, WorkspaceDirectory directory, ZoneId zone,
                           Optional<String> retroChannel, Outbox outbox, Consumer<Postmortem> stored,
                           IntFunction<Optional<String>> pages) {
        this.pages = pages;
        this.stored = stored;
        this.incidents = incidents;
        this.directory = directory;
        this.zone = zone;
        this.retroChannel = retroChannel;
        this.outbox = outbox;
    }

    /** Compiles the report of an incident, open or closed, from what is stored. */
    public Postmortem compile(int number) {
        IncidentRecord record = incidents.load(number);
        return new PostmortemCompiler(directory.forIncident(record), zone).compile(record);
    }

    /** Compiles the report of the incident's latest close and stores its posts; false when stored already. */
    public boolean enqueue(int number) {
        Incident incident = incidents.find(number).orElseThrow();
        if (incident.isOpen()) {
            return false;
        }
        ReportKey key = new ReportKey(number, incident.closeCount());
        Postmortem report = compile(number);
        String channel = incident.channelId();
        List<OutboxPost> posts = new ArrayList<>();
        Optional<String> page = pages.apply(number);
        SlackMessage summary = ReportBlocks.summaryMessage(report, page);
        posts.add(OutboxPost.pending(key, 0, PostKind.SUMMARY, channel, json(summary), null));
        for (SlackMessage part : ReportBlocks.timelineMessages(report)) {
            posts.add(OutboxPost.pending(key, posts.size(), PostKind.THREAD, channel, json(part), null));
        }
        posts.add(OutboxPost.pending(key, posts.size(), PostKind.FILE, channel, new PostmortemRenderer().render(report),
                report.fileName()));
        retroChannel.ifPresent(retro -> posts.add(OutboxPost.pending(key, posts.size(), PostKind.RETRO, retro,
                json(ReportBlocks.retroMessage(report, channel, page)), null)));
        boolean stored = outbox.store(posts);
        if (stored) {
            this.stored.accept(report);
            log.info("Stored the report of incident {} (close {}): {} posts", number, key.closeCount(), posts.size());
        }
        return stored;
    }

    /**
     * Makes what is left of the report of an incident's latest close due again, in channels that had stopped being
     * tried too. Returns how many posts are waiting (0: all posted, or the incident is open).
     */
    public int repost(Incident incident) {
        if (incident.isOpen() || incident.closeCount() == 0) {
            return 0;
        }
        return outbox.repost(new ReportKey(incident.number(), incident.closeCount()), incidents.clock().instant());
    }

    /** A message as the outbox stores it and {@link SlackWebPoster} posts it: its text and blocks as JSON. */
    static String json(SlackMessage message) {
        JsonObject o = new JsonObject();
        o.addProperty("text", message.text());
        o.add("blocks", SLACK_JSON.toJsonTree(message.blocks()));
        return o.toString();
    }
}
