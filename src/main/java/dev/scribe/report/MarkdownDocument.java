package dev.scribe.report;

import java.util.ArrayList;
import java.util.List;

/**
 * The Markdown of a report as it is written, kept in pieces that take one byte a character wherever they can.
 * A large transcript outlives many young collections while it is written, so whatever holds it is moved to the
 * old generation of a small heap; held in one {@link StringBuilder}, it took two bytes a character from the first
 * emoji on (26 MB at 100,000 messages), and about every second close of that size then ended in a full
 * collection (docs/performance.md, "Close"). Here only the lines that need two bytes a character take them, and
 * the finished string is made in one copy at the end.
 */
final class MarkdownDocument {

    // Large enough that the pieces' own overhead is small, small enough that none is ever a large allocation.
    private static final int PIECE = 16 * 1024;

    private final List<String> pieces = new ArrayList<>();
    private final StringBuilder oneByte = new StringBuilder(PIECE + 1024);

    /** Appends {@code text}: into the one-byte piece when every character fits in one byte, as its own piece if not. */
    void append(CharSequence text) {
        if (fitsOneByte(text)) {
            // Character by character (not append(StringBuilder), which would widen the piece to the other's coding).
            oneByte.append(text, 0, text.length());
            if (oneByte.length() >= PIECE) {
                flush();
            }
        } else {
            flush();
            pieces.add(text.toString());
        }
    }

    /** The whole document. */
    String text() {
        flush();
        return String.join("", pieces);
    }

    private void flush() {
        if (!oneByte.isEmpty()) {
            pieces.add(oneByte.toString());
            oneByte.setLength(0);
        }
    }

    private static boolean fitsOneByte(CharSequence text) {
        for (int i = 0, n = text.length(); i < n; i++) {
            if (text.charAt(i) > 0xFF) {
                return false;
            }
        }
        return true;
    }
}
