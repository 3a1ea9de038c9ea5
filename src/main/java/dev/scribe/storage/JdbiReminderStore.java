package dev.scribe.storage;

import dev.scribe.reminder.ClosedIncident;
import dev.scribe.reminder.DueReminder;
import dev.scribe.reminder.OpenIncidentActivity;
import dev.scribe.reminder.ReminderKind;
import dev.scribe.reminder.ReminderStore;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/** {@link ReminderStore} in the bot's database: a reminder is a row, whose primary key lets one replica send it. */
public final class JdbiReminderStore implements ReminderStore {

    private final Jdbi jdbi;

    public JdbiReminderStore(Database database) {
        this.jdbi = database.jdbi();
    }

    @Override
    public List<OpenIncidentActivity> openIncidents() {
        return jdbi.withExtension(ReminderDao.class, dao -> dao.openIncidents().stream()
                .map(OpenIncidentActivityRow::toActivity).toList());
    }

    @Override
    public List<ClosedIncident> closedBetween(Instant from, Instant to) {
        return jdbi.withExtension(ReminderDao.class, dao -> dao.closedBetween(Micros.of(from), Micros.of(to)).stream()
                .map(ClosedIncidentRow::toClosed).toList());
    }

    @Override
    public boolean claim(DueReminder reminder, String worker, Instant now) {
        int n = reminder.incidentNumber();
        return Sql.onDuplicateKey(() -> jdbi.inTransaction(h -> {
            ReminderDao dao = h.attach(ReminderDao.class);
            boolean applies = reminder.kind() == ReminderKind.ACTION
                    ? dao.lockIfClosed(n, reminder.closeCount()) > 0
                    : dao.lockIfOpen(n, reminder.closeCount()) > 0;
            if (!applies) {
                return false;
            }
            if (reminder.kind() == ReminderKind.UPDATE
                    && dao.activitySince(n, reminder.occurrence() - reminder.after().toNanos() / 1_000) > 0) {
                return false; // someone posted an update while this was being worked out
            }
            dao.insert(n, reminder.kind().name(), reminder.occurrence(), worker, Micros.of(now));
            return true;
        }), e -> false);
    }

    @Override
    public void posted(DueReminder reminder, String ts) {
        jdbi.useExtension(ReminderDao.class, dao -> dao.posted(reminder.incidentNumber(), reminder.kind().name(),
                reminder.occurrence(), ts));
    }
}
