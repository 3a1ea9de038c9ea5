package dev.scribe.storage;

import dev.scribe.incident.CatchUps.Claim;
import java.util.Optional;

/** A row of {@code catch_ups}. */
public record CatchUpRow(int incidentNumber, long requestedAtUs, String resumeBeforeTs, int recovered, Long firstRecoveredUs,
                  int attempts) {

    Claim toClaim() {
        return new Claim(incidentNumber, Micros.toInstant(requestedAtUs), Optional.ofNullable(resumeBeforeTs), recovered,
                Optional.ofNullable(firstRecoveredUs).map(Micros::toInstant), attempts);
    }
}
