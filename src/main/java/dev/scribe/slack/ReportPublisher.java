package dev.scribe.slack;

import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import dev.scribe.incident.IncidentRecord;
import dev.scribe.incident.IncidentService;
import dev.scribe.report.Postmortem;
import dev.scribe.report.PostmortemCompiler;
import dev.scribe.report.PostmortemRenderer;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compiles a closed incident's report and posts it: the summary in the incident channel (and the retro
 * channel when set), the timeline in the summary's thread, and the RCA skeleton as a Markdown file.
 */
public final class ReportPublisher {

    private static final Logger log = LoggerFactory.getLogger(ReportPublisher.class);

    private final MethodsClient methods;
    private final IncidentService incidents;
    private final WorkspaceDirectory directory;
    private final ZoneId zone;
    private final Optional<String> retroChannel;
    private final SlackPoster poster;

    public ReportPublisher(MethodsClient methods, IncidentService incidents, WorkspaceDirectory directory, ZoneId zone,
                           Optional<String> retroChannel) {
        this.methods = methods;
        this.incidents = incidents;
        this.directory = directory;
        this.zone = zone;
        this.retroChannel = retroChannel;
        this.poster = new SlackPoster(methods);
    }

    /** Compiles the report of an incident from what is stored. */
    public Postmortem compile(int number) {
        IncidentRecord record = incidents.load(number);
        return new PostmortemCompiler(directory.forIncident(record), zone).compile(record);
    }

    /** Compiles and posts the report of a closed incident. */
    public void publish(int number) {
        Postmortem report = compile(number);
        String markdown = new PostmortemRenderer().render(report);
        String channel = incidents.find(number).orElseThrow().channelId();

        SlackMessage summary = ReportBlocks.summaryMessage(report);
        ChatPostMessageResponse posted = poster.post(channel, summary, null);
        for (SlackMessage part : ReportBlocks.timelineMessages(report)) {
            poster.post(channel, part, posted.getTs());
        }
        byte[] bytes = markdown.getBytes(StandardCharsets.UTF_8);
        SlackCalls.require("files.uploadV2", () -> methods.filesUploadV2(r -> r
                .channel(channel)
                .threadTs(posted.getTs())
                .filename(report.fileName())
                .title("Incident " + report.number() + " RCA skeleton")
                .fileData(bytes)
                .requestFileInfo(false)
                .initialComment("The RCA skeleton of incident " + report.number() + ", ready to fill in.")));
        retroChannel.ifPresent(retro -> poster.post(retro, summary, null));
        log.info("Posted the report of incident {} ({} messages, {} timeline entries)", number,
                report.transcript().size(), report.timeline().size());
    }
}
