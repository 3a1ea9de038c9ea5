package dev.scribe.bench;

import dev.scribe.export.ReplayClock;
import dev.scribe.incident.Incident;
import dev.scribe.incident.IncidentService;
import dev.scribe.incident.RecordedMessage;
import dev.scribe.incident.Severity;
import dev.scribe.incident.Status;
import dev.scribe.storage.Database;
import dev.scribe.storage.JdbiIncidentStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Puts benchmark incidents into a database through the production code ({@link IncidentService} on the Jdbi
 * store and the real migrations), so the data is exactly what the bot would have stored.
 */
final class Seed {

    private static final String[] REACTIONS = {"pushpin", "rotating_light", "eyes", "bulb", "adhesive_bandage",
            "white_check_mark", "memo", "sparkles", "warning"};
    private static final String[] PHRASES = {
            "Checkout error rate is up to 4.2% on eu-west, looking at the deploy from 14:02",
            "I see 502s from the payments gateway &amp; the retry queue is growing",
            "Rolling back to v2.40 now, <@U0000001> please watch <https://grafana.example.com/d/checkout|the dashboard>",
            "Confirmed: the connection pool is exhausted, max 50 in use, p99 at 8 s",
            "Customer support reports 30 tickets in the last 10 minutes :fire:",
            "Paging the database on-call, <!subteam^S0DBA|dba-oncall>",
            "Latency back to normal on 3 of 4 nodes, the last one is still draining\nwill check again in 5 minutes",
            "Status page updated: \u201cWe are investigating elevated errors at checkout\u201d \uD83D\uDE80",
    };

    private Seed() {
    }

    /** Opens one empty incident in each channel (the ack benchmark's senders talk in them). */
    static void openIncidents(String dbUrl, List<String> channels) {
        try (Database db = Database.open(dbUrl, null, null)) {
            IncidentService service = new IncidentService(new JdbiIncidentStore(db, Clock.systemUTC()), Clock.systemUTC());
            for (String channel : channels) {
                service.open("Benchmark incident in " + channel, Severity.SEV2, channel, channel, "U0BENCH");
            }
        }
    }

    /**
     * Records a closed incident of {@code messages} messages in {@code channel}: messages 2 s apart from 12
     * people (so 100,000 messages span more than two days), one in ten a thread reply, one in a hundred marked
     * with a reaction, a note every thousand messages and status changes. Returns the incident number.
     */
    static int closedIncident(String dbUrl, String channel, int messages, long randomSeed) {
        Random random = new Random(randomSeed);
        Instant start = Instant.parse("2025-03-29T22:00:00Z");
        ReplayClock clock = new ReplayClock(start);
        try (Database db = Database.open(dbUrl, null, null)) {
            IncidentService service = new IncidentService(new JdbiIncidentStore(db, clock), clock);
            Incident incident = service.open("Checkout errors after deploy (" + messages + " messages)", Severity.SEV1,
                    channel, "C0ORIGIN", "U0000001");
            service.lead(channel, "U0000001", java.util.Optional.of("U0000002"));
            List<String> recent = new ArrayList<>();
            for (int i = 0; i < messages; i++) {
                Instant at = start.plus(Duration.ofSeconds(2L * i + 1));
                clock.set(at);
                String ts = at.getEpochSecond() + "." + String.format(Locale.ROOT, "%06d", i % 1_000_000);
                String user = String.format(Locale.ROOT, "U%07d", 1 + random.nextInt(12));
                String threadTs = !recent.isEmpty() && random.nextInt(10) == 0
                        ? recent.get(random.nextInt(recent.size())) : null;
                String text = PHRASES[random.nextInt(PHRASES.length)] + " (#" + i + ")";
                service.record(new RecordedMessage(channel, ts, threadTs, user, text, at), "EvSeed" + randomSeed + "x" + i);
                if (threadTs == null) {
                    if (recent.size() == 20) {
                        recent.remove(0);
                    }
                    recent.add(ts);
                }
                if (random.nextInt(100) == 0) {
                    service.mark(channel, ts, REACTIONS[random.nextInt(REACTIONS.length)], user);
                }
                if (i % 1000 == 500) {
                    service.note(channel, user, "Checkpoint " + i + ": still investigating, next update in 15 minutes");
                }
                if (i == messages / 2) {
                    service.status(channel, "U0000002", Status.IDENTIFIED);
                }
                if (i == messages * 3 / 4) {
                    service.status(channel, "U0000002", Status.MONITORING);
                }
            }
            clock.set(start.plus(Duration.ofSeconds(2L * messages + 60)));
            service.status(channel, "U0000002", Status.RESOLVED);
            service.close(channel, "U0000002", "Rolled back to v2.40; pool size raised to 100");
            return incident.number();
        }
    }
}
