package dev.scribe.slack;

import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.response.conversations.ConversationsListResponse;
import com.slack.api.methods.response.conversations.ConversationsMembersResponse;
import com.slack.api.model.Conversation;
import com.slack.api.model.ConversationType;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Whether a person is in a channel, asked of Slack each time ({@code conversations.info}, then
 * {@code conversations.members} page by page), and which channels are public ({@code conversations.list}): the web
 * pages' check for incidents of private channels.
 */
public final class ChannelMembers {

    /** What Slack says about a person and a channel. */
    public enum Membership { PUBLIC_CHANNEL, MEMBER, NOT_A_MEMBER }

    private final MethodsClient methods;

    public ChannelMembers(MethodsClient methods) {
        this.methods = methods;
    }

    /** @throws SlackCallException when Slack cannot say */
    public Membership of(String channelId, String userId) {
        boolean isPrivate = SlackCalls.require("conversations.info",
                () -> methods.conversationsInfo(r -> r.channel(channelId))).getChannel().isPrivate();
        if (!isPrivate) {
            return Membership.PUBLIC_CHANNEL;
        }
        String cursor = null;
        do {
            String page = cursor;
            ConversationsMembersResponse members = SlackCalls.require("conversations.members",
                    () -> methods.conversationsMembers(r -> r.channel(channelId).limit(1000).cursor(page)));
            if (members.getMembers() != null && members.getMembers().contains(userId)) {
                return Membership.MEMBER;
            }
            cursor = members.getResponseMetadata() == null ? null : members.getResponseMetadata().getNextCursor();
        } while (cursor != null && !cursor.isEmpty());
        return Membership.NOT_A_MEMBER;
    }

    /**
     * The ids of the workspace's public channels, archived ones included (incident channels are often archived after
     * the close), a thousand a call: pages about many incidents ask this once instead of once per incident.
     *
     * @throws SlackCallException when Slack cannot say
     */
    public Set<String> publicChannels() {
        Set<String> ids = new HashSet<>();
        String cursor = null;
        do {
            String page = cursor;
            ConversationsListResponse list = SlackCalls.require("conversations.list",
                    () -> methods.conversationsList(r -> r.types(List.of(ConversationType.PUBLIC_CHANNEL))
                            .excludeArchived(false).limit(1000).cursor(page)));
            if (list.getChannels() != null) {
                for (Conversation channel : list.getChannels()) {
                    if (!channel.isPrivate()) {
                        ids.add(channel.getId());
                    }
                }
            }
            cursor = list.getResponseMetadata() == null ? null : list.getResponseMetadata().getNextCursor();
        } while (cursor != null && !cursor.isEmpty());
        return ids;
    }
}
