package dev.scribe.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.scribe.report.Directory;
import dev.scribe.report.SlackMarkup;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MrkdwnTest {

    private static final Directory NAMES = new Directory() {
        private final Map<String, String> users = Map.of("U1", "dana", "U2", "lee");

        @Override
        public String userName(String id) {
            return users.getOrDefault(id, id);
        }

        @Override
        public String channelName(String id) {
            return "C9".equals(id) ? "ops" : id;
        }

        @Override
        public Optional<String> permalink(String c, String ts, String t) {
            return Optional.empty();
        }
    };

    private static String render(String slackText) {
        return Mrkdwn.render(new SlackMarkup(NAMES).parse(slackText));
    }

    @Test
    void escapesTheThreeSpecialCharacters() {
        assertEquals("a &amp; b &lt;c&gt;", Mrkdwn.escape("a & b <c>"));
    }

    @Test
    void broadcastsNeverComeOutRaw() {
        for (String text : new String[] {"<!channel> look", "<!here>", "<!everyone> hi", "<!channel|@channel> x",
                "&lt;!channel&gt; typed literally", "<!subteam^S1|@oncall> paged"}) {
            String out = render(text);
            assertFalse(out.contains("<!"), out);
            assertFalse(out.contains("<@"), out);
        }
        assertEquals("@channel look", render("<!channel> look"));
        assertEquals("&lt;!channel&gt; typed literally", render("&lt;!channel&gt; typed literally"));
    }

    @Test
    void mentionsBecomeNamesWithoutPinging() {
        assertEquals("@dana and @lee in #ops", render("<@U1> and <@U2|lee> in <#C9>"));
        assertEquals("@U404", render("<@U404>"));
    }

    @Test
    void linksKeepTheirLabelAndEscapedUrl() {
        assertEquals("see <https://x.test/?a=1&amp;b=2|the graph>", render("see <https://x.test/?a=1&amp;b=2|the graph>"));
    }

    @Test
    void truncateNeverSplitsAnEmojiOrAnEscape() {
        String t = Mrkdwn.truncate("ab😀cd", 4);
        assertEquals("ab…", t);
        assertEquals("x…", Mrkdwn.truncate("x&amp;yyyy", 5));
    }

    @Test
    void controlAndInvisibleCharactersAreDroppedAndLineBreaksMadeOne() {
        assertEquals("esc[2J nul rtlevil zwsp a\nb\nc\nd", Mrkdwn.escape("esc\u001b[2J nul\u0000 rtl\u202Eevil zw\u200Bsp a\rb\u2028c\r\nd"));
        assertEquals("a b", render("a\tb"));
        assertEquals("family 👨‍👩‍👧", Mrkdwn.escape("family 👨‍👩‍👧"), "zero-width joiners of emoji stay");
    }

    @Test
    void onlyWebAndMailLinksStayLinks() {
        assertEquals("click (javascript://%0aalert(1))", render("<javascript://%0aalert(1)|click>"));
        assertEquals("data:text/html,x", render("<data:text/html,x>"));
        assertEquals("<mailto:a@x.test|mail a>", render("<mailto:a@x.test|mail a>"));
        assertEquals("<HTTPS://x.test/a%20b|x>", render("<HTTPS://x.test/a b|x>"));
    }

    @Test
    void textSlackAlreadyEscapedIsEscapedOnceOnTheWayOut() {
        assertEquals("R&amp;D &lt;db&gt;", render("R&amp;D &lt;db&gt;"));
        assertEquals("R&amp;D &lt;db&gt;", Mrkdwn.escape(SlackMarkup.plainText("R&amp;D &lt;db&gt;")));
    }
}
