package dev.scribe.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class H2SettingsTest {

    @Test
    void theBotsH2SettingsAreAddedUnlessTheUrlSetsThem() {
        assertEquals("jdbc:h2:file:./data/x;WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE;LAZY_QUERY_EXECUTION=1",
                Database.withH2Settings("jdbc:h2:file:./data/x;WRITE_DELAY=0"));
        assertEquals("jdbc:h2:mem:x;db_close_on_exit=TRUE;lazy_query_execution=0",
                Database.withH2Settings("jdbc:h2:mem:x;db_close_on_exit=TRUE;lazy_query_execution=0"));
    }
}
