package dev.scribe.slack;

import com.slack.api.app_backend.slash_commands.response.SlashCommandResponse;
import com.slack.api.bolt.context.builtin.SlashCommandContext;
import com.slack.api.model.block.LayoutBlock;
import dev.scribe.incident.IncidentException;
import java.util.List;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What {@code /incident} says after its ack, through the command's {@code response_url}: the outcome of slow work,
 * and timelines. A response_url works even where the bot is not a member, and may be used five times.
 */
final class ResponseUrlReplies {

    /** Slack lets one response_url be used five times. */
    static final int MAX_RESPONSES = 5;

    private static final Logger log = LoggerFactory.getLogger(ResponseUrlReplies.class);

    private final Executor executor;
    private final CommandReplies replies;

    /** @param executor runs the slow work after the ack */
    ResponseUrlReplies(Executor executor, CommandReplies replies) {
        this.executor = executor;
        this.replies = replies;
    }

    /** Runs slow work after the ack; a failure is logged and told to the person who asked. */
    void afterAck(SlashCommandContext ctx, String what, Runnable work) {
        executor.execute(() -> {
            try {
                work.run();
            } catch (SlackCallException e) {
                log.error("Failed {}: {} answered {}", what, e.method(), e.error(), e);
                tell(ctx, replies.slackRefused(e));
            } catch (IncidentException e) {
                tell(ctx, replies.refused(e.getMessage()));
            } catch (RuntimeException e) {
                String ref = CommandReplies.newReference();
                log.error("Failed {} [ref {}]", what, ref, e);
                tell(ctx, replies.failedAfterAck(what, ref));
            }
        });
    }

    /** Says {@code text} to everyone in the channel; a failure is logged, as the work itself is done. */
    void inChannel(SlashCommandContext ctx, String text) {
        answer(ctx, "in_channel", text);
    }

    /**
     * Up to five ephemeral messages, as one response_url allows five posts. A longer timeline shows its newest
     * parts, which is what the people working on it need, after a note saying which older parts were left out.
     */
    void timeline(SlashCommandContext ctx, int number, List<ReportBlocks.TimelinePart> parts) {
        int shown = parts.size() <= MAX_RESPONSES ? parts.size() : MAX_RESPONSES - 1;
        int first = parts.size() - shown;
        if (first > 0) {
            respond(ctx, replies.timelineLeftOut(number, parts.size(), MAX_RESPONSES, shown, first,
                    parts.get(first).from()), null);
        }
        for (ReportBlocks.TimelinePart part : parts.subList(first, parts.size())) {
            respond(ctx, part.message().text(), part.message().blocks());
        }
    }

    private static void respond(SlashCommandContext ctx, String text, List<LayoutBlock> blocks) {
        try {
            ctx.respond(SlashCommandResponse.builder().responseType("ephemeral").text(text).blocks(blocks).build());
        } catch (Exception e) {
            throw new SlackCallException("response_url", e.getMessage(), e);
        }
    }

    private static void tell(SlashCommandContext ctx, String text) {
        answer(ctx, "ephemeral", text);
    }

    private static void answer(SlashCommandContext ctx, String responseType, String text) {
        try {
            ctx.respond(SlashCommandResponse.builder().responseType(responseType).text(text).build());
        } catch (Exception e) {
            log.warn("Could not answer through response_url: {}", e.getMessage());
        }
    }
}
