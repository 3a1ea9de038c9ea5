package dev.scribe.web;

import com.google.gson.JsonParseException;
import com.slack.api.bolt.App;
import com.slack.api.bolt.jakarta_servlet.SlackAppServletAdapter;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.response.Response;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bolt's servlet, with one difference: Bolt answers 500 to any exception, including a signed payload it
 * cannot map (a {@code ts} that is an object, a list where a string belongs). That is bad input, not our
 * failure, so it gets 400; a 5xx would also make Slack retry a request that can never succeed.
 */
public final class SlackEventsServlet extends HttpServlet {

    private static final Logger log = LoggerFactory.getLogger(SlackEventsServlet.class);

    private final transient App app;
    private final transient SlackAppServletAdapter adapter;

    public SlackEventsServlet(App app) {
        this.app = app;
        this.adapter = new SlackAppServletAdapter(app.config());
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Request<?> slackRequest;
        try {
            slackRequest = adapter.buildSlackRequest(request);
        } catch (RuntimeException e) {
            // Bolt's parser assumes the fields Slack always sends; a body without them is malformed.
            log.warn("Refused a signed request Bolt could not parse: {}", e.toString());
            slackRequest = null;
        }
        if (slackRequest == null) {
            adapter.writeResponse(response, badRequest());
            return;
        }
        Response answer;
        try {
            answer = app.run(slackRequest);
        } catch (JsonParseException | IllegalStateException | ClassCastException | NumberFormatException
                 | UnsupportedOperationException e) {
            // What Gson throws when a payload's shape does not match Slack's documented types.
            log.warn("Refused a signed request whose payload does not have Slack's shape: {}", e.toString());
            answer = badRequest();
        } catch (Exception e) {
            log.error("Could not handle a Slack request", e);
            answer = Response.builder().statusCode(500).contentType("application/json")
                    .body("{\"error\":\"internal error\"}").build();
        }
        adapter.writeResponse(response, answer);
    }

    private static Response badRequest() {
        return Response.builder().statusCode(400).contentType("application/json")
                .body("{\"error\":\"malformed request\"}").build();
    }
}
