package dev.scribe.slack;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
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
        SlackConfig config = new SlackConfig();
        config.setMethodsEndpointUrlPrefix(apiUrl);
        int silentMs = Math.toIntExact(callTimeout.toMillis());
        config.setHttpClientReadTimeoutMillis(silentMs);
        config.setHttpClientWriteTimeoutMillis(silentMs);
        config.setHttpClientCallTimeoutMillis(2 * silentMs);
        Slack slack = Slack.getInstance(config);
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

    /** Checks the bot token with Slack ({@link BotTokenCheck}); returns the id of the workspace it belongs to. */
    public String checkBotToken() {
        return BotTokenCheck.verify(methods, apiUrl);
    }

    @Override
    public void close() throws Exception {
        slack.close();
    }
}
