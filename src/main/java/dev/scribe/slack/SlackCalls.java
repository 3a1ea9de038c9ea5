package dev.scribe.slack;

import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.SlackApiTextResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Makes a Web API call and turns every way it can fail into a {@link SlackCallException}. */
final class SlackCalls {

    /** The one error every rate limit is reported as, however Slack said it. */
    static final String RATELIMITED = dev.scribe.outbox.SlackFailure.RATE_LIMITED;

    /** One Web API call. */
    @FunctionalInterface
    interface Call<R extends SlackApiTextResponse> {
        R run() throws IOException, SlackApiException;
    }

    private SlackCalls() {
    }

    /** Slack's Retry-After is whole seconds; a missing or odd value means a cautious default. */
    static Duration retryAfter(String header) {
        try {
            long seconds = Long.parseLong(header == null ? "" : header.strip());
            return Duration.ofSeconds(Math.max(1, Math.min(seconds, 3600)));
        } catch (NumberFormatException e) {
            return Duration.ofSeconds(30);
        }
    }

    /** Runs the call and returns its response when Slack said ok. */
    static <R extends SlackApiTextResponse> R require(String method, Call<R> call) {
        R response;
        try {
            response = call.run();
        } catch (SlackApiException e) {
            if (e.getResponse().code() == 429) {
                throw new SlackCallException(method, RATELIMITED, retryAfter(e.getResponse().header("Retry-After")), e);
            }
            throw new SlackCallException(method, "HTTP " + e.getResponse().code(), e);
        } catch (IOException e) {
            throw new SlackCallException(method, "unreachable (" + e.getMessage() + ")", e);
        }
        if (response == null) {
            throw new SlackCallException(method, "no response", null);
        }
        if (!response.isOk()) {
            if (isRateLimit(response.getError())) {
                // Slack also answers a rate limit as HTTP 200 with ok:false; it is the same limit as a 429. Without
                // a Retry-After the caller waits as it would for any failure.
                String wait = header(response, "Retry-After");
                throw new SlackCallException(method, RATELIMITED, wait == null ? null : retryAfter(wait), null);
            }
            throw new SlackCallException(method, response.getError(), null);
        }
        return response;
    }

    /** Slack spells the rate limit error both ways, depending on the method. */
    static boolean isRateLimit(String error) {
        return RATELIMITED.equals(error) || "rate_limited".equals(error);
    }

    private static String header(SlackApiTextResponse response, String name) {
        Map<String, List<String>> headers = response.getHttpResponseHeaders();
        if (headers == null) {
            return null;
        }
        for (Map.Entry<String, List<String>> h : headers.entrySet()) {
            if (name.equalsIgnoreCase(h.getKey()) && h.getValue() != null && !h.getValue().isEmpty()) {
                return h.getValue().get(0);
            }
        }
        return null;
    }
}
