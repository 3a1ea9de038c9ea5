package dev.scribe.slack;

import com.slack.api.model.block.LayoutBlock;
import java.util.List;

/** A message to post: blocks, and the plain text Slack shows in notifications and old clients. */
public record SlackMessage(String text, List<LayoutBlock> blocks) {
    public SlackMessage {
        blocks = List.copyOf(blocks);
    }
}
