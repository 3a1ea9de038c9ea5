package dev.scribe.outbox;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * A Slack call that failed: Slack's error code ({@code channel_not_found}, {@code ratelimited} ...) or what kept
 * the call from being made, and how long Slack asked to wait. What the outbox needs to know to try again.
 */
public class SlackFailure extends RuntimeException {

    /** The one error every rate limit is reported as, however Slack said it (429, ratelimited, rate_limited). */
    public static final String RATE_LIMITED = "ratelimited";

    /**
     * Slack's answers that no retry changes until a person acts: the channel is gone, archived or closed to the bot,
     * the app lacks a scope, its token or bot user is no longer valid, or the person a direct message is for is gone.
     */
    public static final Set<String> NEEDS_A_PERSON = Set.of("channel_not_found", "is_archived", "not_in_channel",
            "missing_scope", "invalid_auth", "account_inactive", "token_revoked", "not_authed", "user_not_found",
            "user_disabled", "cannot_dm_bot");

    private final String method;
    private final String error;
    private final Duration retryAfter;

    public SlackFailure(String method, String error, Duration retryAfter, Throwable cause) {
        super(method + " failed: " + error, cause);
        this.method = method;
        this.error = error;
        this.retryAfter = retryAfter;
    }

    /** The Web API method, e.g. {@code chat.postMessage}. */
    public String method() {
        return method;
    }

    /** Slack's error code or a description of the failure. */
    public String error() {
        return error;
    }

    /** How long Slack asked us to wait ({@code Retry-After}). */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /** True when retrying cannot help: a person must invite the bot, unarchive, add a scope or reinstall. */
    public boolean needsAPerson() {
        return NEEDS_A_PERSON.contains(error);
    }

    /** True when Slack said to slow down: looking again later is safe, guessing now is not. */
    public boolean isRateLimit() {
        return RATE_LIMITED.equals(error);
    }
}
