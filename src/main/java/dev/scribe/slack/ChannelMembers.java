package dev.scribe.slack;

import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.response.conversations.ConversationsMembersResponse;

/**
 * Whether a person is in a channel, asked of Slack each time ({@code conversations.info}, then
 * {@code conversations.members} page by page): the web pages' check for incidents of private channels.
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
}
