package dev.scribe.incident;

import java.time.Instant;
import java.util.List;

/**
 * What of an incident's record was read back from Slack after the bot had been unreachable, rather than received
 * live: each finished catch-up that recovered messages, and whether one is under way now (the header says so).
 */
public record ReadBack(List<Recovery> recoveries, boolean inProgress) {

    /** Nothing was ever read back, and nothing is being read back. */
    public static final ReadBack NONE = new ReadBack(List.of(), false);

    /**
     * One catch-up that recovered {@code messages} messages: the earliest of them was written at {@code from}, and the
     * bot heard from Slack again (and started reading back) at {@code until}.
     */
    public record Recovery(int messages, Instant from, Instant until) {
    }

    public ReadBack {
        recoveries = List.copyOf(recoveries);
    }

    /** Messages recovered over every catch-up. */
    public int recoveredMessages() {
        return recoveries.stream().mapToInt(Recovery::messages).sum();
    }
}
