package dev.scribe.incident;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Who holds each role of one incident, in the order of the roles in force; a role nobody holds has no one. */
public record RoleHolders(List<Holder> holders) {

    /** One role and the person holding it, if anyone does. */
    public record Holder(String role, Optional<String> userId) {
        /** The role as reports show it ({@link Roles#label}). */
        public String label() {
            return Roles.label(role);
        }
    }

    public RoleHolders {
        holders = List.copyOf(holders);
    }

    /** The roles in force, filled from the incident's commander and the other roles' holders. */
    static RoleHolders of(Roles roles, Incident incident, Map<String, String> others) {
        return new RoleHolders(roles.names().stream().map(role -> new Holder(role, Optional.ofNullable(
                role.equals(Roles.COMMANDER) ? incident.commanderId() : others.get(role)))).toList());
    }

    /** Nobody in any role: a record compiled without them (an export's report). */
    public static RoleHolders none() {
        return new RoleHolders(List.of());
    }

    /** The roles besides the commander, which has its own place in every report. */
    public List<Holder> others() {
        return holders.stream().filter(h -> !h.role().equals(Roles.COMMANDER)).toList();
    }
}
