package dev.scribe.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/**
 * Keeps {@code docs/example-rca.md} what the code renders for the sample incident. To regenerate it after
 * changing the report: {@code mvn -B test -Dtest=ExampleReportTest -Dscribe.regenerate=true}.
 */
class ExampleReportTest {

    private static final Path EXAMPLE = Path.of("docs", "example-rca.md");

    @Test
    void docsExampleIsWhatTheCodeRenders() throws IOException {
        Postmortem p = new PostmortemCompiler(SampleIncidents.directory(), ZoneId.of("America/New_York"))
                .compile(SampleIncidents.forumsMerge());
        String rendered = new PostmortemRenderer().render(p);
        if (Boolean.getBoolean("scribe.regenerate")) {
            Files.createDirectories(EXAMPLE.getParent());
            Files.writeString(EXAMPLE, rendered, StandardCharsets.UTF_8);
        }
        assertEquals(Files.readString(EXAMPLE, StandardCharsets.UTF_8), rendered,
                "docs/example-rca.md is stale: regenerate it with -Dscribe.regenerate=true");
    }
}
