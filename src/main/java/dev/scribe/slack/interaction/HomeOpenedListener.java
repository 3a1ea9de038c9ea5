package dev.scribe.slack.interaction;

import com.slack.api.app_backend.events.payload.EventsApiPayload;
import com.slack.api.bolt.context.builtin.EventContext;
import com.slack.api.bolt.handler.BoltEventHandler;
import com.slack.api.bolt.response.Response;
import com.slack.api.model.event.AppHomeOpenedEvent;
import dev.scribe.slack.HomeRefresher;
import dev.scribe.slack.SlackIds;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code app_home_opened} on the Home tab: the person is remembered (so later changes refresh their Home) and their
 * Home is published soon, after the ack. The Messages tab and odd payloads are only acknowledged.
 */
final class HomeOpenedListener implements BoltEventHandler<AppHomeOpenedEvent> {

    static final String HOME_TAB = "home";

    private static final Logger log = LoggerFactory.getLogger(HomeOpenedListener.class);

    private final HomeRefresher home;
    private final Executor executor;

    HomeOpenedListener(HomeRefresher home, Executor executor) {
        this.home = home;
        this.executor = executor;
    }

    @Override
    public Response apply(EventsApiPayload<AppHomeOpenedEvent> payload, EventContext ctx) {
        AppHomeOpenedEvent event = payload.getEvent();
        if (event == null || !HOME_TAB.equals(event.getTab()) || !SlackIds.isValid(event.getUser())) {
            return ctx.ack();
        }
        String user = event.getUser();
        executor.execute(() -> {
            try {
                home.opened(user);
            } catch (RuntimeException e) {
                log.warn("Could not note that someone opened their Home tab: {}", e.toString());
            }
        });
        return ctx.ack();
    }
}
