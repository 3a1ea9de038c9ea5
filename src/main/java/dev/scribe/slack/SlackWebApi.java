package dev.scribe.slack;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.util.http.SlackHttpClient;
import java.util.function.BiConsumer;
import com.slack.api.methods.MethodsClient;
import java.time.Duration;

/**
 * Slack's Web API client as the bot uses it: one base URL, the bot token, and calls that fail in bounded time.
 * Thread-safe; closed once, when the bot stops.
 */
public final class SlackWebApi implements AutoCloseable {

    private final Slack slack;
    private final MethodsClient methods;
    private final String apiUrl;

    private SlackWebApi(Slack slack, MethodsClient methods, String apiUrl) {
        this.slack = slack;
        this.methods = methods;
        this.apiUrl = apiUrl;
    }

    /**
     * A client for the Web API under {@code apiUrl}, calling with {@code botToken}. A call that stays silent for
     * {@code callTimeout} fails, and none takes longer than twice that: a Slack call that hangs must fail in
     * bounded time, as the outbox then looks before posting again.
     */
    public static SlackWebApi open(String apiUrl, String botToken, Duration callTimeout) {
        return open(apiUrl, botToken, callTimeout, null);
    }

    /**
     * As above; {@code failed}, when not null, is told the method and error of every Web API call Slack refused
     * ({@link SlackApiFailures}: the metrics count them).
     */
    public static SlackWebApi open(String apiUrl, String botToken, Duration callTimeout,
                                   BiConsumer<String, String> failed) {
        SlackConfig config = new SlackConfig();
        config.setMethodsEndpointUrlPrefix(apiUrl);
        int silentMs = Math.toIntExact(callTimeout.toMillis());
        config.setHttpClientReadTimeoutMillis(silentMs);
        config.setHttpClientWriteTimeoutMillis(silentMs);
        config.setHttpClientCallTimeoutMillis(2 * silentMs);
        Slack slack;
        if (failed == null) {
            slack = Slack.getInstance(config);
        } else {
            SlackApiFailures failures = new SlackApiFailures(failed);
            config.getHttpClientResponseHandlers().add(failures.refusals());
            SlackHttpClient http = new SlackHttpClient(SlackHttpClient.buildOkHttpClient(config).newBuilder()
                    .addInterceptor(failures.httpErrors()).build());
            http.setConfig(config);
            slack = Slack.getInstance(config, http);
        }
        return new SlackWebApi(slack, slack.methods(botToken), apiUrl);
    }

    /** The client itself, for Bolt's app, so that its calls share these settings. */
    public Slack slack() {
        return slack;
    }

    /** The Web API methods, called with the bot token. */
    public MethodsClient methods() {
        return methods;
    }

    /** Checks the bot token with Slack ({@link BotTokenCheck}); returns its workspace and granted scopes. */
    public BotIdentity checkBotToken() {
        return BotTokenCheck.verify(methods, apiUrl);
    }

    @Override
    public void close() throws Exception {
        slack.close();
    }
}
