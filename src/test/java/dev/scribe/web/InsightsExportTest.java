package dev.scribe.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class InsightsExportTest {

    @Test
    void aCellThatASpreadsheetWouldRunAsAFormulaIsPrefixedWithAQuote() {
        assertEquals("'=1+2", InsightsExport.cell("=1+2"));
        assertEquals("'+cmd", InsightsExport.cell("+cmd"));
        assertEquals("'-2+3", InsightsExport.cell("-2+3"));
        assertEquals("'@SUM(A1)", InsightsExport.cell("@SUM(A1)"));
        assertEquals("'\t=1", InsightsExport.cell("\t=1"));
        assertEquals("a = b", InsightsExport.cell("a = b"), "only the first character matters");
        assertEquals("", InsightsExport.cell(""));
    }

    @Test
    void commasQuotesAndLineBreaksAreQuotedAsRfc4180Says() {
        assertEquals("\"a, b\"", InsightsExport.cell("a, b"));
        assertEquals("\"say \"\"hi\"\"\"", InsightsExport.cell("say \"hi\""));
        assertEquals("\"two\nlines\"", InsightsExport.cell("two\nlines"));
        assertEquals("\"'=HYPERLINK(\"\"x\"\")\"", InsightsExport.cell("=HYPERLINK(\"x\")"));
    }
}
