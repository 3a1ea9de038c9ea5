package dev.scribe.slack;

import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.SlackApiTextResponse;
import java.io.IOException;

/** Makes a Web API call and turns every way it can fail into a {@link SlackCallException}. */
final class SlackCalls {

    /** One Web API call. */
    @FunctionalInterface
    interface Call<R extends SlackApiTextResponse> {
        R run() throws IOException, SlackApiException;
    }

    private SlackCalls() {
    }

    /** Runs the call and returns its response when Slack said ok. */
    static <R extends SlackApiTextResponse> R require(String method, Call<R> call) {
        R response;
        try {
            response = call.run();
        } catch (SlackApiException e) {
            String error = e.getResponse().code() == 429 ? "ratelimited" : "HTTP " + e.getResponse().code();
            throw new SlackCallException(method, error, e);
        } catch (IOException e) {
            throw new SlackCallException(method, "unreachable (" + e.getMessage() + ")", e);
        }
        if (response == null || !response.isOk()) {
            throw new SlackCallException(method, response == null ? "no response" : response.getError(), null);
        }
        return response;
    }
}
