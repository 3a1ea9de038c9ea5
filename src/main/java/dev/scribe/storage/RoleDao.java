package dev.scribe.storage;

import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** SQL of {@code incident_roles}: who holds each role besides the commander. */
@RegisterConstructorMapper(RoleRow.class)
interface RoleDao {

    /** 0 rows when nobody held the role yet. */
    @SqlUpdate("UPDATE incident_roles SET user_id = :userId WHERE incident_number = :incident AND role_name = :role")
    int update(@Bind("incident") int incident, @Bind("role") String role, @Bind("userId") String userId);

    /** Only after {@link #update} found no holder, with the incident locked ({@link IncidentDao#lock}). */
    @SqlUpdate("INSERT INTO incident_roles (incident_number, role_name, user_id) VALUES (:incident, :role, :userId)")
    void insert(@Bind("incident") int incident, @Bind("role") String role, @Bind("userId") String userId);

    @SqlQuery("SELECT role_name, user_id FROM incident_roles WHERE incident_number = :incident")
    List<RoleRow> forIncident(@Bind("incident") int incident);
}
