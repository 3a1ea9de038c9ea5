package dev.scribe.storage;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** On MariaDB the bot refuses to start over tables or a connection that cannot store emoji. */
class Utf8mb4CheckTest {

    @TempDir
    Path dir;
    private TestDatabases.Target target;

    @AfterEach
    void drop() {
        if (target != null) {
            target.drop().run();
        }
    }

    @Test
    void refusesATableThatIsNotUtf8mb4AndSaysHowToFixIt() throws Exception {
        target = TestDatabases.create(DatabaseKind.MARIADB, dir);
        TestDatabases.open(target).close();
        TestDatabases.execute(target.url(), target.user(), target.password(),
                "ALTER TABLE messages CONVERT TO CHARACTER SET utf8mb3 COLLATE utf8mb3_bin");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> TestDatabases.open(target));
        assertTrue(e.getMessage().startsWith("These columns cannot store emoji: messages.author_id (utf8mb3)"), e.getMessage());
        assertTrue(e.getMessage().contains("ALTER TABLE messages CONVERT TO CHARACTER SET utf8mb4 COLLATE utf8mb4_bin"), e.getMessage());
    }

    @Test
    void refusesAConnectionThatIsNotUtf8mb4() throws Exception {
        target = TestDatabases.create(DatabaseKind.MARIADB, dir);
        String url = target.url() + "?sessionVariables=character_set_client=utf8mb3,character_set_connection=utf8mb3";
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Database.open(url, target.user(), target.password()));
        assertTrue(e.getMessage().startsWith("The MariaDB/MySQL connection uses utf8mb3"), e.getMessage());
    }
}
