package dev.scribe.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What one run of the {@code report} command gave: its exit status and what it wrote to stdout and stderr. */
record ReportRun(int exit, String out, String err) {

    /**
     * The run failed as the README promises every failure of {@code report} does: exit status 2, nothing on stdout,
     * one line on stderr starting {@code incident-scribe report:} and saying {@code expected}, no stack trace.
     */
    static void assertFails(ReportRun r, String expected) {
        assertEquals(2, r.exit(), r.out() + r.err());
        assertEquals("", r.out(), "nothing on stdout");
        assertEquals(1, r.err().lines().count(), "one line: " + r.err());
        assertTrue(r.err().startsWith("incident-scribe report: "), r.err());
        assertTrue(r.err().contains(expected), r.err());
        assertFalse(r.err().contains("\tat ") || r.err().contains("Exception:"), "no stack trace: " + r.err());
    }
}
