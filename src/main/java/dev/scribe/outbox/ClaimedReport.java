package dev.scribe.outbox;

import java.util.List;
import java.util.Set;

/**
 * A report whose lease a replica holds: every post in order (done and parked ones too), and the channels parked
 * for it, whose posts are not tried.
 */
public record ClaimedReport(List<OutboxPost> posts, Set<String> parkedChannels) {
    public ClaimedReport {
        posts = List.copyOf(posts);
        parkedChannels = Set.copyOf(parkedChannels);
    }
}
