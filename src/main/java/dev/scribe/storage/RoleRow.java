package dev.scribe.storage;

/** A row of {@code incident_roles}. */
// Public only for Jdbi's ConstructorMapper, which cannot call the constructor of a package-private type.
public record RoleRow(String roleName, String userId) {
}
