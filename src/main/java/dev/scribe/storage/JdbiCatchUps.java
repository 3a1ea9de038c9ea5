package dev.scribe.storage;

import dev.scribe.incident.CatchUps;
import dev.scribe.incident.ReadBack;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/** {@link CatchUps} in the bot's database, shared by every replica. */
public final class JdbiCatchUps implements CatchUps {

    private final Jdbi jdbi;
    private final CatchUpDao dao;

    public JdbiCatchUps(Database database) {
        this.jdbi = database.jdbi();
        this.dao = jdbi.onDemand(CatchUpDao.class);
    }

    @Override
    public void request(int incidentNumber, Instant at) {
        long atUs = Micros.of(at);
        // Not one transaction: a duplicate key would abort it on PostgreSQL. Each statement is atomic on its own.
        if (dao.moveOn(incidentNumber, atUs) > 0 || dao.again(incidentNumber, atUs) > 0) {
            return;
        }
        boolean inserted = Sql.onDuplicateKey(() -> {
            dao.insert(incidentNumber, atUs);
            return true;
        }, e -> false);
        if (!inserted) {
            // Another request (or replica) inserted it meanwhile: move it on, or ask for another read after it.
            if (dao.moveOn(incidentNumber, atUs) == 0) {
                dao.again(incidentNumber, atUs);
            }
        }
    }

    @Override
    public List<Integer> due(Instant now) {
        return dao.due(Micros.of(now));
    }

    @Override
    public Optional<Claim> claim(int incidentNumber, String worker, Instant now, Instant leaseUntil) {
        if (dao.claim(incidentNumber, worker, Micros.of(now), Micros.of(leaseUntil)) == 0) {
            return Optional.empty();
        }
        return dao.claimed(incidentNumber, worker).map(CatchUpRow::toClaim);
    }

    @Override
    public boolean renew(int incidentNumber, String worker, Instant leaseUntil) {
        return dao.renew(incidentNumber, worker, Micros.of(leaseUntil)) > 0;
    }

    @Override
    public boolean progress(int incidentNumber, String worker, String resumeBeforeTs, int recovered,
                            Optional<Instant> firstRecovered, Instant leaseUntil) {
        return dao.progress(incidentNumber, worker, resumeBeforeTs, recovered, firstRecovered.map(Micros::of).orElse(null),
                Micros.of(leaseUntil)) > 0;
    }

    @Override
    public void finish(int incidentNumber, String worker, int recovered, Optional<Instant> firstRecovered, Instant now) {
        jdbi.useTransaction(h -> {
            CatchUpDao tx = h.attach(CatchUpDao.class);
            Optional<CatchUpRow> row = tx.claimed(incidentNumber, worker);
            if (row.isEmpty()) {
                return; // the lease was lost: whoever holds it now finishes it
            }
            if (recovered > 0 && firstRecovered.isPresent()) {
                tx.recovered(incidentNumber, Micros.of(now), recovered, Micros.of(firstRecovered.get()),
                        row.get().requestedAtUs());
            }
            if (tx.delete(incidentNumber, worker) == 0) {
                tx.startAgain(incidentNumber, worker, Micros.of(now));
            }
        });
    }

    @Override
    public void release(int incidentNumber, String worker, Instant next) {
        dao.release(incidentNumber, worker, Micros.of(next));
    }

    @Override
    public ReadBack readBack(int incidentNumber) {
        return new ReadBack(dao.recoveries(incidentNumber).stream().map(RecoveryRow::toRecovery).toList(),
                dao.pending(incidentNumber) > 0);
    }

    @Override
    public List<MarkedReaction> markedReactions(int incidentNumber) {
        return dao.markedReactions(incidentNumber);
    }
}
