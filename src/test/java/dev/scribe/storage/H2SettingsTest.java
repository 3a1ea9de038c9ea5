package dev.scribe.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class H2SettingsTest {

    @Test
    void theBotsH2SettingsAreAddedUnlessTheUrlSetsThem() {
        long heap = 256L * 1024 * 1024;
        assertEquals("jdbc:h2:file:./data/x;WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE;LAZY_QUERY_EXECUTION=1;CACHE_SIZE=52428",
                Database.withH2Settings("jdbc:h2:file:./data/x;WRITE_DELAY=0", heap));
        assertEquals("jdbc:h2:mem:x;db_close_on_exit=TRUE;lazy_query_execution=0;cache_size=1024",
                Database.withH2Settings("jdbc:h2:mem:x;db_close_on_exit=TRUE;lazy_query_execution=0;cache_size=1024", heap));
    }

    @Test
    void theCacheIsAFifthOfTheHeapWithinBounds() {
        assertTrue(Database.withH2Settings("jdbc:h2:mem:x", 1024L * 1024 * 1024).endsWith(";CACHE_SIZE=209715"));
        assertTrue(Database.withH2Settings("jdbc:h2:mem:x", 4L * 1024 * 1024 * 1024).endsWith(";CACHE_SIZE=262144"));
        assertTrue(Database.withH2Settings("jdbc:h2:mem:x", 32L * 1024 * 1024).endsWith(";CACHE_SIZE=8192"));
        assertTrue(Database.withH2Settings("jdbc:h2:mem:x", Long.MAX_VALUE).endsWith(";CACHE_SIZE=262144"));
    }

    @Test
    void anOpenedDatabaseUsesTheCache(@TempDir Path dir) {
        try (Database db = Database.open("jdbc:h2:file:" + dir.resolve("db"), null, null)) {
            String cacheKb = db.jdbi().withHandle(h -> h.createQuery(
                    "SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'CACHE_SIZE'")
                    .mapTo(String.class).one());
            long expected = Math.max(8 * 1024, Math.min(256 * 1024, Runtime.getRuntime().maxMemory() / 5 / 1024));
            assertEquals(String.valueOf(expected), cacheKb);
        }
    }
}
