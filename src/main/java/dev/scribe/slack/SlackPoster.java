package dev.scribe.slack;

import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.response.chat.ChatPostMessageResponse;

/** Posts and updates messages; fails with a {@link SlackCallException} naming Slack's error. */
final class SlackPoster {

    private final MethodsClient methods;

    SlackPoster(MethodsClient methods) {
        this.methods = methods;
    }

    /** Posts a message, in a thread when {@code threadTs} is not null. */
    ChatPostMessageResponse post(String channel, SlackMessage message, String threadTs) {
        return SlackCalls.require("chat.postMessage", () -> methods.chatPostMessage(r -> r
                .channel(channel)
                .threadTs(threadTs)
                .text(message.text())
                .blocks(message.blocks())
                .unfurlLinks(false)
                .unfurlMedia(false)));
    }

    /** Replaces a message's text and blocks. */
    void update(String channel, String ts, SlackMessage message) {
        SlackCalls.require("chat.update", () -> methods.chatUpdate(r -> r
                .channel(channel)
                .ts(ts)
                .text(message.text())
                .blocks(message.blocks())));
    }
}
