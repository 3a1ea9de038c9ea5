package dev.scribe.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** User text in the RCA Markdown: shown as typed, never structure of its own. */
class MarkdownTextTest {

    private static final SlackMarkup MARKUP = new SlackMarkup(Directory.ofIdsOnly());

    private static String cell(String slackText) {
        return MarkdownText.cell(MARKUP.parse(slackText));
    }

    private static String item(String slackText) {
        return MarkdownText.listItem(MARKUP.parse(slackText), "  ");
    }

    @Test
    void everyKindOfLineBreakStaysInsideItsTableCell() {
        assertEquals("a<br>## b<br>\\| c \\| d<br>e<br>f<br>g<br>h", cell("a\r## b\r| c | d\r\ne\u2028f\u2029g\u0085h"));
    }

    @Test
    void controlAndInvisibleCharactersAreDropped() {
        assertEquals("esc\\[2J nul rtlevil zwsp", cell("esc\u001b[2J nul\u0000 rtl\u202Eevil zw\u200Bsp"));
        assertEquals("tab then", cell("tab\tthen"));
    }

    @Test
    void noLineOfAListItemCanStartABlock() {
        assertEquals("\\# heading\n  &gt; quote\n  \\- item\n  \\* item\n  \\+ item\n  12\\. item\n  3\\) item\n  \\---\n"
                        + "  \\===\n  \\***\n  \\```\n  \\~~~\n  code\n  \\| a \\| b \\|\n  &lt;div&gt;\n  \\--\n  ",
                item("# heading\n> quote\n- item\n* item\n+ item\n12. item\n3) item\n---\n===\n***\n```\n~~~\n"
                        + "        code\n| a | b |\n<div>\n--\n"));
    }

    @Test
    void aSingleLineIsNeitherCodeNorAListEither() {
        assertEquals("code", item("        code"));
        assertEquals("\\- a", item("- a"));
    }

    @Test
    void inlineTextIsLeftAlone() {
        assertEquals("*bold* _it_ `code` #1 issue -> 2.5 and +1", item("*bold* _it_ `code` #1 issue -&gt; 2.5 and +1")
                .replace("-&gt;", "->"));
    }

    @Test
    void onlyWebAndMailLinksBecomeLinks() {
        assertEquals("[x](https://a.test/p%20q%28r%29%7C)", cell("<https://a.test/p q(r)|||x>".replace("|||", "%7C|")));
        assertEquals("[mail](mailto:a@b.test)", cell("<mailto:a@b.test|mail>"));
        assertEquals("x (javascript:alert(1))", cell("<javascript:alert(1)|x>"));
        assertEquals("\\[x\\](javascript:alert(1)) \\!\\[i\\](data:x)".replace("\\!", "!"),
                cell("[x](javascript:alert(1)) ![i](data:x)"));
        assertEquals("[a \\] b](https://a.test)", cell("<https://a.test|a ] b>"));
    }

    @Test
    void entitiesAndBackslashesShowAsTyped() {
        // Slack sends "&lt;" typed literally as "&amp;lt;": the reader of the report sees "&lt;", not "<".
        assertEquals("R&D \\&lt; \\&#60; a\\\\*b C:\\path", cell("R&amp;D &amp;lt; &amp;#60; a\\*b C:\\path"));
    }
}
