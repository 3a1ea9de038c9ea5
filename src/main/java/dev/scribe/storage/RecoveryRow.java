package dev.scribe.storage;

import dev.scribe.incident.ReadBack.Recovery;

/** A row of {@code catch_up_recoveries}. */
public record RecoveryRow(int messages, long fromUs, long untilUs) {

    Recovery toRecovery() {
        return new Recovery(messages, Micros.toInstant(fromUs), Micros.toInstant(untilUs));
    }
}
