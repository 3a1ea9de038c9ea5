package dev.scribe.web;

import com.google.gson.JsonParseException;
import com.slack.api.bolt.App;
import com.slack.api.bolt.jakarta_servlet.SlackAppServletAdapter;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.response.Response;
import dev.scribe.logging.LogSafe;
import dev.scribe.slack.EventNotStoredException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bolt's servlet, with two differences. The signed bodies {@link DirectEvents} can handle (people's messages) are
 * handled there, without Bolt. And Bolt answers 500 to any exception, including a signed payload it
 * cannot map (a {@code ts} that is an object, a list where a string belongs). That is bad input, not our
 * failure, so it gets 400; a 5xx would also make Slack retry a request that can never succeed. An event that could
 * not be stored ({@link EventNotStoredException}) gets 503, which Slack does retry.
 */
final class SlackEventsServlet extends HttpServlet {

    private static final Logger log = LoggerFactory.getLogger(SlackEventsServlet.class);

    private final transient App app;
    private final transient SlackAppServletAdapter adapter;
    private final transient DirectEvents direct;

    SlackEventsServlet(App app, DirectEvents direct) {
        this.app = app;
        this.adapter = new SlackAppServletAdapter(app.config());
        this.direct = direct;
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        byte[] body = SlackRequestFilter.checkedBody(request);
        if (body != null) {
            try {
                if (direct.handled(body)) {
                    adapter.writeResponse(response, Response.ok());
                    return;
                }
            } catch (EventNotStoredException e) {
                adapter.writeResponse(response, notStored(e));
                return;
            }
        }
        Request<?> slackRequest;
        try {
            slackRequest = adapter.buildSlackRequest(request);
        } catch (RuntimeException e) {
            // Bolt's parser assumes the fields Slack always sends; a body without them is malformed.
            log.warn("Refused a signed request Bolt could not parse: {}", LogSafe.text(e.toString()));
            adapter.writeResponse(response, badRequest());
            return;
        }
        if (slackRequest == null) {
            log.warn("Refused a signed request that is none of the kinds Slack sends ({} bytes)",
                    request.getContentLength());
            adapter.writeResponse(response, badRequest());
            return;
        }
        Response answer;
        try {
            answer = app.run(slackRequest);
        } catch (EventNotStoredException e) {
            answer = notStored(e);
        } catch (JsonParseException | IllegalStateException | ClassCastException | NumberFormatException
                 | UnsupportedOperationException e) {
            // What Gson throws when a payload's shape does not match Slack's documented types.
            log.warn("Refused a signed request whose payload does not have Slack's shape: {}", LogSafe.text(e.toString()));
            answer = badRequest();
        } catch (Exception e) {
            // The message may echo the payload: one escaped line, the stack trace only at debug level.
            log.error("Could not handle a Slack request: {}", LogSafe.text(e.toString()));
            log.debug("Stack trace of the failed Slack request", e);
            answer = Response.builder().statusCode(500).contentType("application/json")
                    .body("{\"error\":\"internal error\"}").build();
        }
        adapter.writeResponse(response, answer);
    }

    private static Response notStored(EventNotStoredException e) {
        log.warn("{} ({}); answered {}", e.getMessage(), LogSafe.text(String.valueOf(e.getCause())),
                EventNotStoredException.STATUS);
        return Response.builder().statusCode(EventNotStoredException.STATUS).contentType("application/json")
                .body("{\"error\":\"not stored, retry\"}").build();
    }

    private static Response badRequest() {
        return Response.builder().statusCode(400).contentType("application/json")
                .body("{\"error\":\"malformed request\"}").build();
    }
}
