package dev.scribe.slack;

import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.response.conversations.ConversationsMembersResponse;
import dev.scribe.incident.Incident;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who may see an incident in Slack's own surfaces (the Home tab): everyone an incident of a public channel, only its
 * channel's members an incident of a private one. What Slack says of a channel ({@code conversations.info}, then
 * every page of {@code conversations.members}) is kept for {@link #KEPT_FOR}, as many Home tabs are published at once
 * after a change. When Slack cannot say, a private incident is shown to nobody (it fails closed).
 */
public final class IncidentAudience {

    /** Long enough to serve one round of Home tabs, short enough that someone removed from a channel soon loses it. */
    public static final Duration KEPT_FOR = Duration.ofSeconds(60);

    private record Seen(boolean isPrivate, Set<String> members, Instant at) {
    }

    private final MethodsClient methods;
    private final Clock clock;
    private final Map<String, Seen> channels = new ConcurrentHashMap<>();

    public IncidentAudience(MethodsClient methods, Clock clock) {
        this.methods = methods;
        this.clock = clock;
    }

    /** True when {@code userId} may see {@code incident}. */
    public boolean maySee(String userId, Incident incident) {
        Seen seen = channels.get(incident.channelId());
        Instant now = clock.instant();
        if (seen == null || seen.at().plus(KEPT_FOR).isBefore(now)) {
            try {
                seen = ask(incident.channelId(), now);
            } catch (SlackCallException e) {
                return false;
            }
            channels.put(incident.channelId(), seen);
        }
        return !seen.isPrivate() || seen.members().contains(userId);
    }

    private Seen ask(String channelId, Instant now) {
        boolean isPrivate = Boolean.TRUE.equals(SlackCalls.require("conversations.info",
                () -> methods.conversationsInfo(r -> r.channel(channelId))).getChannel().isPrivate());
        Set<String> members = new HashSet<>();
        String cursor = null;
        while (isPrivate) {
            String page = cursor;
            ConversationsMembersResponse answer = SlackCalls.require("conversations.members",
                    () -> methods.conversationsMembers(r -> r.channel(channelId).limit(1000).cursor(page)));
            if (answer.getMembers() != null) {
                members.addAll(answer.getMembers());
            }
            cursor = answer.getResponseMetadata() == null ? null : answer.getResponseMetadata().getNextCursor();
            if (cursor == null || cursor.isEmpty()) {
                break;
            }
        }
        return new Seen(isPrivate, Set.copyOf(members), now);
    }
}
