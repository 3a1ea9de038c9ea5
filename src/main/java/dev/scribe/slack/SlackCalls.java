package dev.scribe.slack;

import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.SlackApiTextResponse;
import java.io.IOException;
import java.time.Duration;

/** Makes a Web API call and turns every way it can fail into a {@link SlackCallException}. */
final class SlackCalls {

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
                throw new SlackCallException(method, "ratelimited", retryAfter(e.getResponse().header("Retry-After")), e);
            }
            throw new SlackCallException(method, "HTTP " + e.getResponse().code(), e);
        } catch (IOException e) {
            throw new SlackCallException(method, "unreachable (" + e.getMessage() + ")", e);
        }
        if (response == null || !response.isOk()) {
            throw new SlackCallException(method, response == null ? "no response" : response.getError(), null);
        }
        return response;
    }
}
