package dev.scribe.storage;

import dev.scribe.incident.Announcements;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/** {@link Announcements} in the bot's database. */
public final class JdbiAnnouncements implements Announcements {

    private final Jdbi jdbi;

    public JdbiAnnouncements(Database database) {
        this.jdbi = database.jdbi();
    }

    @Override
    public void remember(Announcement announcement) {
        // A start is acted on once (its trigger id), so a second announcement is not expected; keep the first.
        Sql.onDuplicateKey(() -> {
            jdbi.useExtension(AnnouncementDao.class, dao -> dao.insert(announcement.incidentNumber(),
                    announcement.channelId(), announcement.messageTs()));
            return true;
        }, e -> false);
    }

    @Override
    public Optional<Announcement> of(int incidentNumber) {
        return jdbi.withExtension(AnnouncementDao.class, dao -> dao.find(incidentNumber));
    }
}
