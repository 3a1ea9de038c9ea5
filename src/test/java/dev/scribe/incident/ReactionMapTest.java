package dev.scribe.incident;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReactionMapTest {

    @Test
    void theProductsTable() {
        ReactionMap m = ReactionMap.defaults();
        assertEquals(Optional.of(EntryKind.KEY), m.kindOf("pushpin"));
        assertEquals(Optional.of(EntryKind.KEY), m.kindOf("round_pushpin"));
        assertEquals(Optional.of(EntryKind.TRIGGER), m.kindOf("boom"));
        assertEquals(Optional.of(EntryKind.DETECTED), m.kindOf("rotating_light"));
        assertEquals(Optional.of(EntryKind.ACKNOWLEDGED), m.kindOf("eyes"));
        assertEquals(Optional.of(EntryKind.CAUSE_IDENTIFIED), m.kindOf("bulb"));
        assertEquals(Optional.of(EntryKind.MITIGATED), m.kindOf("adhesive_bandage"));
        assertEquals(Optional.of(EntryKind.RESOLVED), m.kindOf("white_check_mark"));
        assertEquals(Optional.of(EntryKind.RESOLVED), m.kindOf("heavy_check_mark"));
        assertEquals(Optional.of(EntryKind.ACTION_ITEM), m.kindOf("memo"));
        assertEquals(Optional.of(EntryKind.WENT_WELL), m.kindOf("sparkles"));
        assertEquals(Optional.of(EntryKind.WENT_BADLY), m.kindOf("warning"));
        assertEquals(Optional.empty(), m.kindOf("thumbsup"));
        assertEquals(Optional.of(EntryKind.ACKNOWLEDGED), m.kindOf(":eyes:"));
    }

    @Test
    void overridesAddReplaceAndRemove() {
        ReactionMap m = ReactionMap.parse("stopwatch=key, fire=detected,warning=none,eyes=cause_identified");
        assertEquals(Optional.of(EntryKind.KEY), m.kindOf("stopwatch"));
        assertEquals(Optional.of(EntryKind.DETECTED), m.kindOf("fire"));
        assertEquals(Optional.empty(), m.kindOf("warning"));
        assertEquals(Optional.of(EntryKind.CAUSE_IDENTIFIED), m.kindOf("eyes"));
        assertEquals(Optional.of(EntryKind.TRIGGER), m.kindOf("boom"), "untouched defaults stay");
        assertEquals(Optional.of(EntryKind.KEY), ReactionMap.parse("+1=key").kindOf("+1::skin-tone-3"));
    }

    @Test
    void badSpecsNameThePairThatIsWrong() {
        IllegalArgumentException kind = assertThrows(IllegalArgumentException.class, () -> ReactionMap.parse("fire=panic"));
        assertTrue(kind.getMessage().startsWith("'panic' in 'fire=panic' is not a kind; use one of key, trigger,"), kind.getMessage());
        IllegalArgumentException shape = assertThrows(IllegalArgumentException.class, () -> ReactionMap.parse("fire"));
        assertEquals("'fire' is not emoji=kind (e.g. stopwatch=key)", shape.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ReactionMap.parse("=key"));
    }
}
