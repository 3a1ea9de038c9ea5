package dev.scribe.web;

import dev.scribe.incident.Incident;
import dev.scribe.report.KeyTimings;

/** One incident of the insights' range, with its key timings. */
record InsightsRow(Incident incident, KeyTimings timings) {

    /** The status the report shows: the incident's while open, else {@code Closed}. */
    String status() {
        return incident.isOpen() ? incident.status().label() : "Closed";
    }
}
