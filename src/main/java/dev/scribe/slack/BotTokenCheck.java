package dev.scribe.slack;

import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.response.auth.AuthTestResponse;
import java.io.IOException;

/**
 * The start-up check of {@code SLACK_BOT_TOKEN} with {@code auth.test}. Bolt's own check calls every failure "the
 * token is invalid"; this one says which it is: Slack unreachable, an HTTP error, or the token refused.
 */
final class BotTokenCheck {

    private BotTokenCheck() {
    }

    /**
     * Returns the workspace the token belongs to, its bot user and the scopes it was granted.
     *
     * @throws IllegalStateException naming the failure, for the one line printed at start-up
     */
    static BotIdentity verify(MethodsClient methods, String apiUrl) {
        AuthTestResponse auth;
        try {
            auth = methods.authTest(r -> r);
        } catch (IOException e) {
            throw new IllegalStateException("could not reach Slack at " + apiUrl + " (" + e.getMessage() + ")", e);
        } catch (SlackApiException e) {
            throw new IllegalStateException("Slack answered auth.test with HTTP " + e.getResponse().code(), e);
        }
        if (!auth.isOk()) {
            throw new IllegalStateException("Slack refused SLACK_BOT_TOKEN (" + auth.getError() + "): use the Bot User "
                    + "OAuth Token (xoxb-...) from the app's OAuth & Permissions page, and install the app first");
        }
        return new BotIdentity(auth.getTeamId(), auth.getUserId(), BotIdentity.grantedScopes(auth.getHttpResponseHeaders()));
    }
}
