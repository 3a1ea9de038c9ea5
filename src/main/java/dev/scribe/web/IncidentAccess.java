package dev.scribe.web;

import dev.scribe.incident.Incident;
import dev.scribe.slack.ChannelMembers;
import dev.scribe.slack.SlackCallException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who may see an incident: members of the workspace that installed the bot see incidents of public channels;
 * an incident in a private channel only its members. Membership is asked of Slack on every page
 * ({@link ChannelMembers}), not taken from what was recorded: the bot stores who wrote, not who is in the
 * channel, and someone removed from the channel must lose the page at once. When Slack cannot be asked, nobody
 * sees a private incident (it fails closed).
 */
public final class IncidentAccess {

    /** What the viewer may do with an incident. */
    enum Verdict { SEE, NOT_A_MEMBER, CANNOT_CHECK }

    private static final Logger log = LoggerFactory.getLogger(IncidentAccess.class);

    private final ChannelMembers members;
    private final String installingTeamId;

    public IncidentAccess(ChannelMembers members, String installingTeamId) {
        this.members = members;
        this.installingTeamId = installingTeamId;
    }

    /** True for a viewer of the installing workspace: the first condition of every page. */
    boolean inWorkspace(Viewer viewer) {
        return installingTeamId != null && installingTeamId.equals(viewer.teamId());
    }

    Verdict verdict(Viewer viewer, Incident incident) {
        if (!inWorkspace(viewer)) {
            return Verdict.NOT_A_MEMBER;
        }
        try {
            return members.of(incident.channelId(), viewer.userId()) == ChannelMembers.Membership.NOT_A_MEMBER
                    ? Verdict.NOT_A_MEMBER : Verdict.SEE;
        } catch (SlackCallException e) {
            log.warn("Could not ask Slack who may see incident {}: {}", incident.number(), e.getMessage());
            return Verdict.CANNOT_CHECK;
        }
    }
}
