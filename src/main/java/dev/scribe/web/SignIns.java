package dev.scribe.web;

import java.time.Duration;
import java.util.Optional;

/**
 * Personal sign-in links and the browser sessions they open, kept where every replica sees them. Tokens are
 * random, handed out once, and stored only as their SHA-256 ({@link Tokens}).
 */
public interface SignIns {

    /** How long a sign-in link works if nobody uses it. */
    Duration LINK_LIFETIME = Duration.ofMinutes(10);

    /** How long a session lasts: a working day, long enough for a retro meeting, short enough to forget a laptop. */
    Duration SESSION_LIFETIME = Duration.ofHours(12);

    /** Why a link opened no session. */
    enum Refusal { NOT_VALID, USED, EXPIRED }

    /** What redeeming a link gave: a session, or a refusal. */
    sealed interface Redemption {
        /** {@code cookieValue} is the session's token, which only the browser keeps. */
        record Opened(String cookieValue, Viewer viewer) implements Redemption {
        }

        record Refused(Refusal why) implements Redemption {
        }
    }

    /** A new link's token for this Slack user; it works once, within {@link #LINK_LIFETIME}. */
    String issueLink(Viewer viewer);

    /** Without redeeming it: why the link would be refused, empty when it would open a session. */
    Optional<Refusal> check(String linkToken);

    /** Without redeeming it: whom the link is for, if it is a live link. */
    Optional<Viewer> linkOwner(String linkToken);

    /** Uses up the link (at most one call ever succeeds per link, on any replica) and opens a session. */
    Redemption redeem(String linkToken);

    /** The viewer of a live session. */
    Optional<Viewer> viewer(String cookieValue);

    /** Ends a session. */
    void signOut(String cookieValue);
}
