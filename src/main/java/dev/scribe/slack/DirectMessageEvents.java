package dev.scribe.slack;

import dev.scribe.web.DirectEvents;
import java.util.function.Consumer;

/**
 * People's messages over HTTP, recorded straight from the signed body instead of through Bolt. A message is most of
 * what Slack sends, and Bolt parses each body three times over (its request parser, its event request, then Gson into
 * the typed event) and runs its middleware: under load that was a quarter of the bot's CPU per event, more than
 * keeping the event safe cost (docs/performance.md). Here one streaming pass reads the fields that are recorded
 * ({@link MessageEventBody}), and the same steps Bolt ran for such an event follow: its own bot user's events are
 * acknowledged and go no further (Bolt's IgnoringSelfEvents), the channel is shown to the catch-up's gap watch
 * ({@link CatchUp#watch}), and {@link MessageRecorder} records it, as {@link MessageListener} does for Bolt.
 * Everything that is not such a plain message (other events, bots' messages, other subtypes, anything not strict
 * JSON) still goes to Bolt.
 */
public final class DirectMessageEvents implements DirectEvents {

    private final MessageRecorder recorder;
    private final String botUserId;
    private final Consumer<String> eventSeen;

    /**
     * @param botUserId the bot's own user id (auth.test), whose messages are not recorded; null when unknown
     * @param eventSeen told the channel of each event that gets past the self check (the catch-up's gap watch)
     */
    DirectMessageEvents(MessageRecorder recorder, String botUserId, Consumer<String> eventSeen) {
        this.recorder = recorder;
        this.botUserId = botUserId;
        this.eventSeen = eventSeen;
    }

    @Override
    public boolean handled(byte[] body) {
        MessageEventBody event = MessageEventBody.read(body);
        if (event == null) {
            return false;
        }
        if (botUserId != null && botUserId.equals(event.user())) {
            return true;
        }
        if (event.channel() != null) {
            eventSeen.accept(event.channel());
        }
        recorder.record(event.eventId(), null, event.channel(), event.ts(), event.threadTs(), event.user(), event.text());
        return true;
    }
}
