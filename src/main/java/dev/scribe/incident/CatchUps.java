package dev.scribe.incident;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The catch-ups asked for and under way, kept where every replica sees them: an incident's channel is read back by
 * one replica at a time (a claim with a lease, renewed as the read goes on), and how far the read came is kept, so
 * that a restart, or another replica once the lease ran out, goes on from there.
 */
public interface CatchUps {

    /** A catch-up one replica holds: what it reads, and how far it came. */
    record Claim(int incidentNumber, Instant requestedAt, Optional<String> resumeBeforeTs, int recovered,
                 Optional<Instant> firstRecovered, int attempts) {
    }

    /**
     * Asks for the incident's channel to be read back up to {@code at}. When one is asked for and not started, it is
     * moved on to {@code at}; when one is under way, another is asked for once it ends.
     */
    void request(int incidentNumber, Instant at);

    /** Incidents with a catch-up that nobody holds and that is due. */
    List<Integer> due(Instant now);

    /** Takes the incident's catch-up until {@code leaseUntil}; empty when another replica holds it or none is due. */
    Optional<Claim> claim(int incidentNumber, String worker, Instant now, Instant leaseUntil);

    /** Keeps the lease until {@code leaseUntil}; false when it was lost (it ran out and another replica took it). */
    boolean renew(int incidentNumber, String worker, Instant leaseUntil);

    /**
     * Notes how far the read came (the history below {@code resumeBeforeTs} is still to read) and what it recovered
     * so far, renewing the lease; false when the lease was lost.
     */
    boolean progress(int incidentNumber, String worker, String resumeBeforeTs, int recovered,
                     Optional<Instant> firstRecovered, Instant leaseUntil);

    /**
     * Ends the catch-up, noting what it recovered (when it recovered anything) for the report; when another was asked
     * for meanwhile, that one is due next.
     */
    void finish(int incidentNumber, String worker, int recovered, Optional<Instant> firstRecovered, Instant now);

    /** Gives the catch-up back, its progress kept, to be taken again at {@code next}. */
    void release(int incidentNumber, String worker, Instant next);

    /** What was read back for the incident, and whether a read is asked for or under way. */
    ReadBack readBack(int incidentNumber);

    /** One person's reaction that marks a message of an incident, by the emoji's name as stored. */
    record MarkedReaction(String ts, String reaction, String userId) {
    }

    /** Every reaction marking a message of the incident: what a read-back compares with the reactions Slack has. */
    List<MarkedReaction> markedReactions(int incidentNumber);
}
