package dev.scribe.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The class-data archive the Dockerfile makes at image build time, made here the same way for the bench's jar:
 * the bot's {@code start-up-training} (a whole start-up against a stand-in for Slack, and one event), in a JVM with
 * the Dockerfile's flags that saves the classes it loaded when it exits. Keep the two in step.
 */
final class ClassDataArchive {

    private ClassDataArchive() {
    }

    /** Makes the archive in {@code work} and returns its path. */
    static Path create(Path botJar, Path work, List<String> jvmFlags) throws IOException, InterruptedException {
        Path archive = work.resolve("incident-scribe.jsa");
        List<String> command = new ArrayList<>(List.of("java", "-XX:ArchiveClassesAtExit=" + archive));
        command.addAll(jvmFlags);
        command.addAll(List.of("-jar", botJar.toString(), "start-up-training"));
        ChildJvm training = ChildJvm.start("class-data-training", command, work.resolve("class-data"), Map.of());
        int status = training.waitFor(2);
        if (status != 0 || !Files.isRegularFile(archive)) {
            throw new IOException("the class-data training run failed (exit " + status + "); see " + training.log());
        }
        BenchMain.progress("class-data archive made by the start-up training, as in the Dockerfile: %,d KiB",
                Files.size(archive) / 1024);
        return archive;
    }
}
