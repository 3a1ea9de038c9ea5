package dev.scribe.slack;

import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;

import dev.scribe.incident.Incident;
import dev.scribe.incident.IncidentService;
import dev.scribe.outbox.OutboxDrain;
import dev.scribe.outbox.OutboxPost;
import dev.scribe.outbox.PostKind;
import dev.scribe.outbox.ReportKey;
import dev.scribe.outbox.SlackFailure;
import dev.scribe.outbox.UndeliverableNotices;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Tells a person that a report cannot be posted in a channel: a direct message to the incident's commander (or, with
 * none, to whoever opened it) with the RCA Markdown in its thread, and the same words in SCRIBE_RETRO_CHANNEL when it
 * is set and is not the channel that failed. Each says which incident, what Slack answered, what to do, and the
 * command that tries again.
 */
public final class UndeliverableReportNotices implements UndeliverableNotices {

    private final IncidentService incidents;
    private final Optional<String> retroChannel;

    public UndeliverableReportNotices(IncidentService incidents, Optional<String> retroChannel) {
        this.incidents = incidents;
        this.retroChannel = retroChannel;
    }

    @Override
    public List<OutboxPost> write(ReportKey report, String channelId, SlackFailure failure, boolean gaveUp,
                                  String markdown, String fileName, int firstSeq) {
        Incident incident = incidents.find(report.incidentNumber()).orElseThrow();
        String person = incident.commanderId() != null ? incident.commanderId() : incident.openedBy();
        List<OutboxPost> posts = new ArrayList<>();
        boolean withFile = markdown != null && fileName != null;
        posts.add(OutboxPost.pending(report, firstSeq, PostKind.NOTICE, person,
                ReportPublisher.json(message(incident, channelId, failure, gaveUp, withFile ? Where.DM_WITH_FILE
                        : Where.DM)), null));
        if (withFile) {
            posts.add(OutboxPost.pending(report, firstSeq + 1, PostKind.NOTICE_FILE, person, markdown, fileName));
        }
        retroChannel.filter(retro -> !retro.equals(channelId)).ifPresent(retro -> posts.add(OutboxPost.pending(report,
                firstSeq + posts.size(), PostKind.NOTICE, retro,
                ReportPublisher.json(message(incident, channelId, failure, gaveUp, Where.CHANNEL)), null)));
        return posts;
    }

    /** Where a notice is read: the file comes with the direct message. */
    enum Where { DM_WITH_FILE, DM, CHANNEL }

    /** The notice itself. Pure. */
    static SlackMessage message(Incident incident, String channelId, SlackFailure failure, boolean gaveUp, Where where) {
        int n = incident.number();
        String channel = "<#" + channelId + ">";
        String title = "The report of incident " + n + " (" + Mrkdwn.escape(incident.title())
                + ") could not be posted in " + channel + ".";
        String what = gaveUp
                ? "Slack has refused it for " + OutboxDrain.GIVE_UP_AFTER.toMinutes() + " minutes (its last answer was `"
                        + Mrkdwn.escape(failure.error()) + "` to `" + failure.method() + "`), so I have stopped trying there."
                : "Slack answered `" + Mrkdwn.escape(failure.error()) + "` to `" + failure.method() + "`: "
                        + meaning(failure) + ". I have stopped trying there.";
        String fix = "*To post it:* " + (gaveUp ? "once Slack answers again" : remedy(failure, channel))
                + ", then run `/incident repost " + n + "`.";
        String kept = switch (where) {
            case DM_WITH_FILE -> "Nothing is lost: the report is kept, and its RCA skeleton is in this thread.";
            case DM -> "Nothing is lost: the report is kept.";
            case CHANNEL -> "Nothing is lost: the report is kept, and <@" + (incident.commanderId() != null
                    ? incident.commanderId() : incident.openedBy()) + "> has its RCA skeleton in a direct message.";
        };
        String body = "*" + title + "*\n" + what + "\n" + fix + "\n" + kept;
        return new SlackMessage(title, List.of(section(s -> s.text(markdownText(body)))));
    }

    /** What Slack's answer means, in a few words. */
    private static String meaning(SlackFailure failure) {
        return switch (failure.error()) {
            case "is_archived" -> "the channel is archived";
            case "not_in_channel" -> "I am no longer a member of the channel";
            case "channel_not_found" -> "Slack cannot find the channel for me (it was deleted, or it is private and I "
                    + "was removed from it)";
            case "missing_scope" -> "the Slack app lacks a permission this needs";
            case "invalid_auth", "token_revoked", "not_authed" -> "Slack no longer accepts my token";
            case "account_inactive" -> "my bot user is deactivated";
            default -> "Slack refused it";
        };
    }

    /** What a person can do about it. */
    private static String remedy(SlackFailure failure, String channel) {
        return switch (failure.error()) {
            case "is_archived" -> "unarchive " + channel;
            case "not_in_channel" -> "invite me with `/invite @Incident Scribe` in " + channel;
            case "channel_not_found" -> "if the channel is private, invite me with `/invite @Incident Scribe` there (if "
                    + "it was deleted, the RCA skeleton is the report)";
            case "missing_scope" -> "reinstall the app from the manifest in Incident Scribe's README, which asks for "
                    + "every scope";
            case "invalid_auth", "token_revoked", "not_authed", "account_inactive" -> "reinstall the app and give the "
                    + "bot its new `SLACK_BOT_TOKEN`";
            default -> "fix what `" + Mrkdwn.escape(failure.error()) + "` means";
        };
    }
}
