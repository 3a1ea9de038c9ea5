package dev.scribe.web;

import dev.scribe.incident.Incident;
import dev.scribe.slack.ChannelMembers;
import dev.scribe.slack.SlackCallException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who may see an incident: members of the workspace that installed the bot see incidents of public channels;
 * an incident in a private channel only its members. Membership is asked of Slack ({@link ChannelMembers}), not
 * taken from what was recorded: the bot stores who wrote, not who is in the channel. Slack's answer for a person
 * and a channel is used for {@link #ANSWER_KEPT}, so someone removed from the channel loses the page within that
 * time. Pages about many incidents (the list, the insights) ask Slack which channels are public once (a thousand
 * channels a call, also kept for {@link #ANSWER_KEPT}) and only the others one by one: one or two calls per
 * incident, of some 50 ms each, made {@code /insights} over 1,000 incidents take a minute (and would meet Slack's
 * rate limits). When Slack cannot be asked, nobody sees a private incident (it fails closed), and that answer is
 * not kept.
 */
public final class IncidentAccess {

    /** What the viewer may do with an incident. */
    enum Verdict { SEE, NOT_A_MEMBER, CANNOT_CHECK }

    /** How long Slack's answer about a person and a channel is used before Slack is asked again. */
    public static final Duration ANSWER_KEPT = Duration.ofSeconds(30);

    /** Past this many kept answers, the ones that ran out are dropped (and all of them if none had). */
    static final int MAX_ANSWERS_KEPT = 50_000;

    private static final Logger log = LoggerFactory.getLogger(IncidentAccess.class);

    private final ChannelMembers members;
    private final String installingTeamId;
    private final Clock clock;
    private final Map<Question, Answer> answers = new ConcurrentHashMap<>();
    private volatile PublicChannels publicChannels;

    public IncidentAccess(ChannelMembers members, String installingTeamId, Clock clock) {
        this.members = members;
        this.installingTeamId = installingTeamId;
        this.clock = clock;
    }

    private record Question(String channelId, String userId) {
    }

    private record Answer(ChannelMembers.Membership membership, Instant until) {
    }

    private record PublicChannels(Set<String> ids, Instant until) {
    }

    /**
     * The verdict for each of {@code incidents} (by number), as {@link #verdict} gives it, with one question to Slack
     * for all the public channels among them rather than one per incident.
     */
    Map<Integer, Verdict> verdicts(Viewer viewer, List<Incident> incidents) {
        Map<Integer, Verdict> verdicts = new HashMap<>();
        Instant now = clock.instant();
        Set<String> publicIds = null;
        for (Incident incident : incidents) {
            Answer kept = answers.get(new Question(incident.channelId(), viewer.userId()));
            boolean known = kept != null && now.isBefore(kept.until());
            if (!known && inWorkspace(viewer) && publicIds == null) {
                publicIds = publicChannels(now);
            }
            if (!known && publicIds != null && publicIds.contains(incident.channelId())) {
                verdicts.put(incident.number(), Verdict.SEE);
            } else {
                verdicts.put(incident.number(), verdict(viewer, incident));
            }
        }
        return verdicts;
    }

    /** The public channels' ids, from Slack at most once per {@link #ANSWER_KEPT}; empty when Slack cannot say. */
    private Set<String> publicChannels(Instant now) {
        PublicChannels kept = publicChannels;
        if (kept != null && now.isBefore(kept.until())) {
            return kept.ids();
        }
        try {
            Set<String> ids = Set.copyOf(members.publicChannels());
            publicChannels = new PublicChannels(ids, now.plus(ANSWER_KEPT));
            return ids;
        } catch (SlackCallException e) {
            // Every incident is then asked about on its own, as a single page does.
            log.warn("Could not ask Slack which channels are public: {}", e.getMessage());
            return Set.of();
        }
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
            return membership(incident.channelId(), viewer.userId()) == ChannelMembers.Membership.NOT_A_MEMBER
                    ? Verdict.NOT_A_MEMBER : Verdict.SEE;
        } catch (SlackCallException e) {
            log.warn("Could not ask Slack who may see incident {}: {}", incident.number(), e.getMessage());
            return Verdict.CANNOT_CHECK;
        }
    }

    private ChannelMembers.Membership membership(String channelId, String userId) {
        Question question = new Question(channelId, userId);
        Instant now = clock.instant();
        Answer kept = answers.get(question);
        if (kept != null && now.isBefore(kept.until())) {
            return kept.membership();
        }
        ChannelMembers.Membership membership = members.of(channelId, userId);
        if (answers.size() >= MAX_ANSWERS_KEPT) {
            answers.values().removeIf(a -> !now.isBefore(a.until()));
            if (answers.size() >= MAX_ANSWERS_KEPT) {
                answers.clear();
            }
        }
        answers.put(question, new Answer(membership, now.plus(ANSWER_KEPT)));
        return membership;
    }
}
