package dev.scribe;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The dependencies between packages that the architecture (docs/architecture.md) keeps, read from the sources: the
 * domain and the pure report code import no framework, and no package imports the top-level one (its wiring and
 * configuration), which would make a cycle with it.
 */
class PackageDependenciesTest {

    private static final Path MAIN = Path.of("src/main/java/dev/scribe");
    /** A use of a top-level class, imported or written out: {@code dev.scribe.Config}, not {@code dev.scribe.incident}. */
    private static final Pattern TOP_LEVEL_CLASS = Pattern.compile("\\bdev\\.scribe\\.([A-Z]\\w*)");

    private static List<String> offending(String pkg, Pattern forbidden) {
        try (Stream<Path> files = Files.walk(MAIN.resolve(pkg))) {
            return files.filter(f -> f.toString().endsWith(".java")).flatMap(f -> {
                try {
                    Matcher m = forbidden.matcher(Files.readString(f, StandardCharsets.UTF_8));
                    return m.results().map(r -> MAIN.relativize(f) + ": " + r.group()).toList().stream();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void theExportTakesItsSettingsAsParametersNotFromTheBotsConfig() {
        assertEquals(List.of(), offending("export", TOP_LEVEL_CLASS));
    }

    @Test
    void noPackageUsesTheTopLevelOneSoNoneMakesACycleWithIt() throws IOException {
        try (Stream<Path> dirs = Files.list(MAIN)) {
            List<String> packages = dirs.filter(Files::isDirectory).map(d -> d.getFileName().toString()).sorted().toList();
            assertEquals(true, packages.contains("slack"), "read the packages from " + MAIN.toAbsolutePath());
            for (String pkg : packages) {
                assertEquals(List.of(), offending(pkg, TOP_LEVEL_CLASS), pkg);
            }
        }
    }

    @Test
    void theDomainAndTheReportImportNoFrameworkAndNothingAboveThem() {
        Pattern framework = Pattern.compile(
                "\\bimport (com\\.slack|org\\.jdbi|io\\.micrometer|dev\\.scribe\\.(storage|slack|web|export|metrics)\\.)\\S*");
        for (String pkg : List.of("incident", "report")) {
            assertEquals(List.of(), offending(pkg, framework), pkg);
            assertEquals(List.of(), offending(pkg, TOP_LEVEL_CLASS), pkg);
        }
    }
}
