package dev.scribe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The image build's training run goes through a whole start-up and a signed event without Slack (its stand-in
 * answers the token check) and acknowledges the event; its database stays in the directory it was given.
 */
class StartUpTrainingTest {

    @TempDir
    Path dir;

    @Test
    void aWholeStartUpAndOneEventAreAcknowledgedWithoutSlack() throws Exception {
        assertEquals(200, StartUpTraining.run(dir));
        try (var files = Files.list(dir)) {
            assertTrue(files.anyMatch(f -> f.getFileName().toString().startsWith("training")),
                    "the database was made in the directory given");
        }
    }
}
