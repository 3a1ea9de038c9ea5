package dev.scribe.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.slack.api.app_backend.events.payload.EventsApiPayload;
import com.slack.api.bolt.request.RequestHeaders;
import com.slack.api.bolt.request.builtin.EventRequest;
import com.slack.api.bolt.util.EventsApiPayloadParser;
import com.slack.api.model.event.Event;
import com.slack.api.model.event.MessageEvent;
import com.slack.api.model.event.MessageFileShareEvent;
import com.slack.api.model.event.MessageMeEvent;
import com.slack.api.model.event.MessageThreadBroadcastEvent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The direct path reads a message event's fields exactly as Bolt's model does, for every body it takes, and leaves
 * every other body to Bolt.
 */
class MessageEventBodyTest {

    private static final String PLAIN = "{\"token\":\"x\",\"team_id\":\"T0TEAM\",\"api_app_id\":\"A0APP\",\"event\":"
            + "{\"type\":\"message\",\"channel\":\"C0INC\",\"user\":\"U01ALICE\",\"text\":\"rolled back\","
            + "\"ts\":\"1700000000.000100\",\"blocks\":[{\"type\":\"rich_text\",\"elements\":[]}],\"event_ts\":\"1700000000.000100\"},"
            + "\"type\":\"event_callback\",\"event_id\":\"Ev01\",\"event_time\":1700000000,\"authorizations\":[{\"is_bot\":true}]}";

    /**
     * Bolt's parser knows an event class only once something asked for its type (an {@code App} does when a listener
     * is registered): alone, this class would get no event from Bolt, and passed only after other tests built an App.
     */
    @BeforeAll
    static void boltKnowsTheMessageClasses() {
        for (Class<? extends Event> type : List.of(MessageEvent.class, MessageThreadBroadcastEvent.class,
                MessageFileShareEvent.class, MessageMeEvent.class)) {
            EventsApiPayloadParser.getEventTypeAndSubtype(type);
        }
    }

    @Test
    void aPlainMessageIsReadWhateverTheOrderOfItsFields() {
        MessageEventBody read = MessageEventBody.read(utf8(PLAIN));
        assertEquals(new MessageEventBody("Ev01", null, "C0INC", "1700000000.000100", null, "U01ALICE", "rolled back"), read);
        assertSameAsBolt(PLAIN);
    }

    @Test
    void thePeopleSubtypesAreReadAndAMeMessageHasNoThread() {
        for (String subtype : List.of("thread_broadcast", "file_share", "me_message")) {
            String body = message("\"subtype\":\"" + subtype + "\",\"thread_ts\":\"1700000000.000001\",");
            MessageEventBody read = MessageEventBody.read(utf8(body));
            assertNotNull(read, subtype);
            assertEquals(subtype.equals("me_message") ? null : "1700000000.000001", read.threadTs(), subtype);
            assertSameAsBolt(body);
        }
    }

    @Test
    void everythingButAPlainPersonsMessageIsLeftToBolt() {
        List<String> others = List.of(
                "{\"type\":\"url_verification\",\"challenge\":\"abc\"}",
                "{\"type\":\"event_callback\",\"event_id\":\"Ev1\"}",
                "{\"type\":\"event_callback\",\"event\":\"message\"}",
                "{\"type\":\"event_callback\",\"event\":{\"type\":\"reaction_added\",\"user\":\"U1\"}}",
                message("\"subtype\":\"bot_message\","),
                message("\"subtype\":\"message_changed\","),
                message("\"subtype\":\"channel_join\","),
                message("\"bot_id\":\"B0OTHER\","),
                message("\"bot_id\":null,"),
                // A field of the wrong type, or null: Bolt's model decides (coerces, or refuses with 400).
                message("\"thread_ts\":1700000000.5,"),
                message("\"thread_ts\":null,"),
                message("\"subtype\":null,"),
                message("\"user\":{\"id\":\"U01ALICE\"},").replace("\"user\":\"U01ALICE\",", ""),
                // A field named twice: which one counts is Bolt's to say.
                message("\"text\":\"first\","),
                PLAIN.replace("\"type\":\"event_callback\",", "\"type\":\"event_callback\",\"type\":\"event_callback\","),
                // Not strict JSON, cut short, or followed by more.
                PLAIN.replace("\"event_id\":\"Ev01\"", "'event_id':'Ev01'"),
                PLAIN.replace("\"event_id\":\"Ev01\"", "event_id:\"Ev01\""),
                PLAIN.substring(0, PLAIN.length() - 1),
                PLAIN + "{}",
                PLAIN + " x",
                "[" + PLAIN + "]",
                "",
                "\u0000");
        for (String body : others) {
            assertNull(MessageEventBody.read(utf8(body)), body);
        }
    }

    @Test
    void anyRecordedFieldNamedTwiceLeavesTheBodyToBolt() {
        List<String> twice = new ArrayList<>();
        for (String field : List.of("\"type\":\"message\",", "\"subtype\":\"file_share\",", "\"channel\":\"C0INC\",",
                "\"ts\":\"1700000000.000100\",", "\"thread_ts\":\"1700000000.000001\",", "\"user\":\"U01ALICE\",",
                "\"text\":\"rolled back\",")) {
            twice.add(message(field + field));
        }
        twice.add(PLAIN.replace("\"event_id\":\"Ev01\",", "\"event_id\":\"Ev01\",\"event_id\":\"Ev02\","));
        twice.add(PLAIN.replace("\"type\":\"event_callback\",",
                "\"type\":\"event_callback\",\"event\":{\"type\":\"message\",\"channel\":\"C0B\",\"ts\":\"1.2\"},"));
        for (String body : twice) {
            assertNull(MessageEventBody.read(utf8(body)), body);
        }
        // The same fields once each are read: the bodies above differ from a readable one only by the repeat.
        assertNotNull(MessageEventBody.read(utf8(message("\"subtype\":\"file_share\",\"thread_ts\":\"1700000000.000001\","))));
    }

    @Test
    void anyPlainMessageSlackCouldSendIsReadAsBoltReadsIt() {
        Random random = new Random(20261202);
        List<String> texts = List.of("", "plain", "caf\\u00e9 \\ud83d\\udd25 <@U02BOB>", "line\\nbreak \\\"quoted\\\" \\\\ slash",
                "\\u2028\\u2029 separators", "\u00e9\u4e2d\ud83d\udca5 raw UTF-8", "&lt;script&gt; <!channel>", "/ \\/ escaped");
        List<String> subtypes = new ArrayList<>(Collections.nCopies(4, (String) null));
        subtypes.addAll(List.of("thread_broadcast", "file_share", "me_message"));
        for (int i = 0; i < 500; i++) {
            List<String> fields = new ArrayList<>();
            fields.add("\"type\":\"message\"");
            String subtype = subtypes.get(random.nextInt(subtypes.size()));
            if (subtype != null) {
                fields.add("\"subtype\":\"" + subtype + "\"");
            }
            if (random.nextInt(10) > 0) {
                fields.add("\"channel\":\"C0" + random.nextInt(1000) + "\"");
            }
            if (random.nextInt(10) > 0) {
                fields.add("\"user\":\"U0" + random.nextInt(1000) + "\"");
            }
            if (random.nextInt(10) > 0) {
                fields.add("\"ts\":\"17000000" + (10 + random.nextInt(89)) + ".0001" + (10 + random.nextInt(89)) + "\"");
            }
            if (random.nextBoolean()) {
                fields.add("\"thread_ts\":\"1700000000.000001\"");
            }
            if (random.nextInt(5) > 0) {
                fields.add("\"text\":\"" + texts.get(random.nextInt(texts.size())) + "\"");
            }
            fields.add("\"blocks\":[{\"type\":\"rich_text\",\"block_id\":\"b" + i + "\",\"elements\":[]}]");
            fields.add("\"team\":\"T0TEAM\"");
            fields.add("\"client_msg_id\":\"" + i + "\"");
            fields.add("\"edited\":{\"user\":\"U0X\",\"ts\":\"1700000001.000000\"}");
            Collections.shuffle(fields, random);
            List<String> envelope = new ArrayList<>(List.of("\"type\":\"event_callback\"", "\"team_id\":\"T0TEAM\"",
                    "\"event_time\":1700000000", "\"event\":{" + String.join(random.nextBoolean() ? "," : " , ", fields) + "}"));
            if (random.nextInt(10) > 0) {
                envelope.add("\"event_id\":\"Ev" + i + "\"");
            }
            Collections.shuffle(envelope, random);
            String body = (random.nextBoolean() ? " " : "") + "{" + String.join(",", envelope) + "}\n";
            assertNotNull(MessageEventBody.read(utf8(body)), body);
            assertSameAsBolt(body);
        }
    }

    /** A plain message with {@code extra} fields at the start of the event (they override nothing: names are once). */
    private static String message(String extra) {
        return "{\"type\":\"event_callback\",\"event_id\":\"Ev2\",\"event\":{" + extra
                + "\"type\":\"message\",\"channel\":\"C0INC\",\"user\":\"U01ALICE\",\"text\":\"hello\",\"ts\":\"1700000000.000200\"}}";
    }

    /** What Bolt reads from the same body, through the parser its event listeners get their payload from. */
    private static void assertSameAsBolt(String body) {
        MessageEventBody direct = MessageEventBody.read(utf8(body));
        EventRequest request = new EventRequest(body, new RequestHeaders(Map.of()));
        EventsApiPayload<Event> payload = EventsApiPayloadParser.buildEventPayload(request);
        Event event = payload.getEvent();
        MessageEventBody bolt;
        if (event instanceof MessageEvent e) {
            assertNull(e.getBotId());
            bolt = new MessageEventBody(payload.getEventId(), null, e.getChannel(), e.getTs(), e.getThreadTs(), e.getUser(), e.getText());
        } else if (event instanceof MessageThreadBroadcastEvent e) {
            bolt = new MessageEventBody(payload.getEventId(), "thread_broadcast", e.getChannel(), e.getTs(), e.getThreadTs(),
                    e.getUser(), e.getText());
        } else if (event instanceof MessageFileShareEvent e) {
            bolt = new MessageEventBody(payload.getEventId(), "file_share", e.getChannel(), e.getTs(), e.getThreadTs(),
                    e.getUser(), e.getText());
        } else if (event instanceof MessageMeEvent e) {
            assertNull(e.getBotId());
            bolt = new MessageEventBody(payload.getEventId(), "me_message", e.getChannel(), e.getTs(), null, e.getUser(),
                    e.getText());
        } else {
            throw new AssertionError("Bolt reads " + event + " from " + body);
        }
        assertEquals(bolt, direct, body);
        // The catch-up's gap watch reads the channel from Bolt's context: the same channel.
        assertEquals(request.getContext().getChannelId(), direct.channel(), body);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
