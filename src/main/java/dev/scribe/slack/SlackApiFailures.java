package dev.scribe.slack;

import com.slack.api.util.http.listener.HttpResponseListener;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.Interceptor;
import okhttp3.Response;

/**
 * Tells {@code failed(method, error)} every Web API call Slack refused, seen at the Slack client's HTTP layer so no
 * call site can forget it: an HTTP error or rate limit (through an OkHttp interceptor, as Slack's client never passes
 * those to its response listeners) and an answer with {@code "ok":false} (through a response listener). A good answer
 * costs a status check and a search of its text for {@code "ok":false}.
 */
final class SlackApiFailures {

    private static final Pattern ERROR_FIELD = Pattern.compile("\"error\"\\s*:\\s*\"([^\"]{0,100})\"");

    private final BiConsumer<String, String> failed;

    SlackApiFailures(BiConsumer<String, String> failed) {
        this.failed = failed;
    }

    /** Sees every HTTP answer, before Slack's client turns a non-200 one into an exception. */
    Interceptor httpErrors() {
        return chain -> {
            Response response = chain.proceed(chain.request());
            int code = response.code();
            if (code == 429) {
                failed.accept(method(response), SlackCalls.RATELIMITED);
            } else if (code >= 400) {
                failed.accept(method(response), "http_" + code);
            }
            return response;
        };
    }

    /** Sees the text of every HTTP 200 answer. */
    HttpResponseListener refusals() {
        return new HttpResponseListener() {
            @Override
            public void accept(State state) {
                String body = state.getParsedResponseBody();
                if (state.getResponse().code() == 200 && body != null && body.contains("\"ok\":false")) {
                    Matcher m = ERROR_FIELD.matcher(body);
                    failed.accept(method(state.getResponse()), m.find() ? m.group(1) : "unknown");
                }
            }
        };
    }

    private static String method(Response response) {
        List<String> segments = response.request().url().pathSegments();
        return segments.isEmpty() ? "unknown" : segments.get(segments.size() - 1);
    }
}
