package dev.scribe.storage;

import dev.scribe.web.SignIns;
import dev.scribe.web.Tokens;
import dev.scribe.web.Viewer;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * {@link SignIns} in the bot's database. A link is used up by one conditional UPDATE, so two clicks on two
 * replicas open one session. Expired rows are deleted when a link is issued.
 */
public final class JdbiSignIns implements SignIns {

    /** Links stay a day past their expiry, so a late click is told "expired" rather than "not valid". */
    static final Duration EXPIRED_LINKS_KEPT = Duration.ofDays(1);

    private final Jdbi jdbi;
    private final Clock clock;

    public JdbiSignIns(Database database, Clock clock) {
        this.jdbi = database.jdbi();
        this.clock = clock;
    }

    @Override
    public String issueLink(Viewer viewer) {
        String token = Tokens.newToken();
        long now = Micros.of(clock.instant());
        jdbi.useExtension(WebAccessDao.class, dao -> {
            dao.deleteLinksExpiredBefore(now - micros(EXPIRED_LINKS_KEPT));
            dao.deleteSessionsExpiredBefore(now);
            dao.insertLink(Tokens.hash(token), viewer.userId(), viewer.teamId(), now, now + micros(LINK_LIFETIME));
        });
        return token;
    }

    @Override
    public Optional<Refusal> check(String linkToken) {
        if (!Tokens.wellFormed(linkToken)) {
            return Optional.of(Refusal.NOT_VALID);
        }
        long now = Micros.of(clock.instant());
        Optional<WebAccessDao.AccessRow> link = jdbi.withExtension(WebAccessDao.class,
                dao -> dao.findLink(Tokens.hash(linkToken)));
        if (link.isEmpty()) {
            return Optional.of(Refusal.NOT_VALID);
        }
        if (link.get().usedAtUs() != null) {
            return Optional.of(Refusal.USED);
        }
        return link.get().expiresAtUs() <= now ? Optional.of(Refusal.EXPIRED) : Optional.empty();
    }

    @Override
    public Optional<Viewer> linkOwner(String linkToken) {
        if (!Tokens.wellFormed(linkToken)) {
            return Optional.empty();
        }
        long now = Micros.of(clock.instant());
        return jdbi.withExtension(WebAccessDao.class, dao -> dao.findLink(Tokens.hash(linkToken)))
                .filter(row -> row.usedAtUs() == null && row.expiresAtUs() > now)
                .map(row -> new Viewer(row.userId(), row.teamId()));
    }

    @Override
    public Redemption redeem(String linkToken) {
        if (!Tokens.wellFormed(linkToken)) {
            return new Redemption.Refused(Refusal.NOT_VALID);
        }
        String hash = Tokens.hash(linkToken);
        long now = Micros.of(clock.instant());
        return jdbi.inTransaction(handle -> {
            WebAccessDao dao = handle.attach(WebAccessDao.class);
            Optional<WebAccessDao.AccessRow> link = dao.findLink(hash);
            if (link.isEmpty()) {
                return new Redemption.Refused(Refusal.NOT_VALID);
            }
            if (link.get().usedAtUs() != null) {
                return new Redemption.Refused(Refusal.USED);
            }
            if (link.get().expiresAtUs() <= now) {
                return new Redemption.Refused(Refusal.EXPIRED);
            }
            if (dao.markUsed(hash, now) != 1) {
                return new Redemption.Refused(Refusal.USED);
            }
            String session = Tokens.newToken();
            dao.insertSession(Tokens.hash(session), link.get().userId(), link.get().teamId(), now,
                    now + micros(SESSION_LIFETIME));
            return new Redemption.Opened(session, new Viewer(link.get().userId(), link.get().teamId()));
        });
    }

    @Override
    public Optional<Viewer> viewer(String cookieValue) {
        if (!Tokens.wellFormed(cookieValue)) {
            return Optional.empty();
        }
        long now = Micros.of(clock.instant());
        return jdbi.withExtension(WebAccessDao.class, dao -> dao.findSession(Tokens.hash(cookieValue), now))
                .map(row -> new Viewer(row.userId(), row.teamId()));
    }

    @Override
    public void signOut(String cookieValue) {
        if (Tokens.wellFormed(cookieValue)) {
            jdbi.useExtension(WebAccessDao.class, dao -> dao.deleteSession(Tokens.hash(cookieValue)));
        }
    }

    private static long micros(Duration d) {
        return d.toNanos() / 1_000;
    }
}
