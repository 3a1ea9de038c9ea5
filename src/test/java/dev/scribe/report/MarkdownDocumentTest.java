package dev.scribe.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The pieces must read back as exactly what was appended, in order, whatever each piece's characters are. */
class MarkdownDocumentTest {

    @Test
    void readsBackEveryAppendInOrderAcrossPiecesOfBothWidths() {
        MarkdownDocument document = new MarkdownDocument();
        StringBuilder expected = new StringBuilder();
        // A builder that was widened once and now holds one-byte text, as the renderer's reused line builder does.
        StringBuilder widened = new StringBuilder("\uD83D\uDE80");
        for (int i = 0; i < 5_000; i++) {
            widened.setLength(0);
            widened.append("- 10:0").append(i % 10).append(" **@Ana Lima**: caf\u00e9 #").append(i).append('\n');
            String line = i % 7 == 0 ? "- status \u201cinvestigating\u201d \uD83D\uDE80 " + i + "\n" : widened.toString();
            document.append(i % 7 == 0 ? line : widened);
            expected.append(line);
        }
        assertEquals(expected.toString(), document.text());
    }

    @Test
    void anEmptyDocumentIsEmptyAndTextCanBeReadTwice() {
        MarkdownDocument document = new MarkdownDocument();
        assertEquals("", document.text());
        document.append("# Incident 1\n");
        assertEquals("# Incident 1\n", document.text());
        assertEquals("# Incident 1\n", document.text());
    }
}
