package dev.scribe.incident;

/** A role given to someone: the incident as it is now, the role's name and who holds it. */
public record RoleChange(Incident incident, String role, String userId) {

    /** The role as reports show it ({@link Roles#label}). */
    public String label() {
        return Roles.label(role);
    }
}
