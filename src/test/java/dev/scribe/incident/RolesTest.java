package dev.scribe.incident;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** SCRIBE_ROLES as the bot reads it: the commander always first, names people can type, each once. */
class RolesTest {

    private static String refusal(String spec) {
        return assertThrows(IllegalArgumentException.class, () -> Roles.parse(spec)).getMessage();
    }

    @Test
    void theDefaultsAreTheCommanderAndComms() {
        assertEquals(List.of("commander", "comms"), Roles.defaults().names());
    }

    @Test
    void theCommanderIsFirstWhetherTheListNamesItOrNot() {
        assertEquals(List.of("commander", "comms", "scribe"), Roles.parse("comms,scribe").names());
        assertEquals(List.of("commander", "comms", "ops-lead"), Roles.parse(" comms , commander,ops-lead ").names());
        assertEquals(List.of("commander"), Roles.parse("commander").names());
    }

    @Test
    void badNamesAreRefusedSayingWhy() {
        assertEquals("'Comms' is not a role name: use lowercase letters, digits and single dashes, e.g. comms or ops-lead",
                refusal("commander,Comms"));
        assertEquals("it has an empty role name; separate names with one comma, e.g. commander,comms",
                refusal("commander,,comms"));
        assertEquals("it names the role 'comms' twice", refusal("comms,scribe,comms"));
        assertEquals("it names the role 'commander' twice", refusal("commander,commander"));
        assertEquals("the role name 'a-role-name-longer-than-24' is longer than 24 characters",
                refusal("a-role-name-longer-than-24"));
        for (String bad : List.of("ops lead", "-ops", "ops-", "ops--lead", "ops_lead", "<!channel>", "ops:lead", "café")) {
            assertEquals("'" + bad + "' is not a role name: use lowercase letters, digits and single dashes, e.g. comms "
                    + "or ops-lead", refusal(bad));
        }
        assertEquals("it names 11 roles with the commander; at most 10 fit on the header",
                refusal("r1,r2,r3,r4,r5,r6,r7,r8,r9,r10"));
        assertEquals(10, Roles.parse("r1,r2,r3,r4,r5,r6,r7,r8,r9").names().size());
    }

    @Test
    void aTypedRoleIsFoundInAnyCaseAndLabelledForReports() {
        Roles roles = Roles.parse("comms,ops-lead");
        assertEquals(Optional.of("ops-lead"), roles.find(" Ops-Lead "));
        assertEquals(Optional.empty(), roles.find("scribe"));
        assertEquals(Optional.empty(), roles.find(null));
        assertEquals("commander, comms or ops-lead", roles.listed());
        assertEquals("Ops lead", Roles.label("ops-lead"));
        assertEquals(List.of("comms", "ops-lead"), roles.others());
    }
}
