package dev.scribe.metrics;

import dev.scribe.incident.Incident;
import dev.scribe.incident.RecordOutcome;
import dev.scribe.incident.Severity;
import dev.scribe.report.Postmortem;
import dev.scribe.web.SlackRequestMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The figures {@code GET /metrics} serves, in Micrometer's Prometheus registry. The edges report to it (the Slack
 * request filter, the message listener, the starter, the report publisher, Slack's HTTP client); figures that live in
 * the database (open incidents, the outbox) are read once per scrape, never on the path of an event.
 */
public final class ScribeMetrics implements SlackRequestMetrics {

    private static final Logger log = LoggerFactory.getLogger(ScribeMetrics.class);

    /** Slack's error codes are snake_case words; anything else (a proxy's page) would make a label per answer. */
    private static final Pattern ERROR_CODE = Pattern.compile("[a-z0-9_]{1,64}");
    private static final Pattern METHOD = Pattern.compile("[A-Za-z0-9.]{1,64}");

    /** What the database holds, read at each scrape. */
    public record Stored(Map<Severity, Long> openBySeverity, long outboxPending, Duration outboxOldestAge) {
    }

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private volatile Supplier<Stored> readStored = () -> null;
    private volatile Stored stored;

    private final Counter eventsReceived;
    private final Counter eventsRecorded;
    private final Counter eventsDeduplicated;
    private final Timer ackLatency;
    private final Map<Severity, Counter> started = new EnumMap<>(Severity.class);
    private final Map<Severity, Counter> closed = new EnumMap<>(Severity.class);
    private final Map<Severity, Timer> timeToResolve = new EnumMap<>(Severity.class);

    public ScribeMetrics() {
        eventsReceived = Counter.builder("scribe.slack.events.received")
                .description("Signed requests from Slack (events and commands) handed to the bot").register(registry);
        eventsRecorded = Counter.builder("scribe.slack.events.recorded")
                .description("Messages stored in an open incident").register(registry);
        eventsDeduplicated = Counter.builder("scribe.slack.events.deduplicated")
                .description("Messages refused as stored before (a Slack retry)").register(registry);
        ackLatency = Timer.builder("scribe.slack.ack.latency")
                .description("Time from a signed Slack request handed to the bot to its answer (Slack allows 3 s)")
                .serviceLevelObjectives(ms(5), ms(10), ms(25), ms(50), ms(100), ms(250), ms(500), ms(1000), ms(2000),
                        ms(3000))
                .register(registry);
        for (Severity severity : Severity.values()) {
            String sev = severity.name().toLowerCase(java.util.Locale.ROOT);
            started.put(severity, Counter.builder("scribe.incidents.started").tag("severity", sev)
                    .description("Incidents opened by this replica").register(registry));
            closed.put(severity, Counter.builder("scribe.incidents.closed").tag("severity", sev)
                    .description("Incident closes whose report this replica stored").register(registry));
            timeToResolve.put(severity, Timer.builder("scribe.incident.time.to.resolve").tag("severity", sev)
                    .description("Resolved - Detected of closed incidents, at their close")
                    .serviceLevelObjectives(min(5), min(15), min(30), min(60), min(120), min(240), min(480),
                            min(1440), min(4320), min(10080))
                    .register(registry));
            Gauge.builder("scribe.incidents.open", () -> open(severity)).tag("severity", sev)
                    .description("Incidents open now, in every replica's database").register(registry);
        }
        Gauge.builder("scribe.report.outbox.depth", () -> stored == null ? Double.NaN : stored.outboxPending())
                .description("Report posts stored and not yet accepted by Slack").register(registry);
        Gauge.builder("scribe.report.outbox.oldest.age", () -> stored == null ? Double.NaN
                        : stored.outboxOldestAge().toMillis() / 1000.0)
                .baseUnit("seconds")
                .description("Age of the oldest report post not yet accepted by Slack (0 when none waits)")
                .register(registry);
    }

    /**
     * Where the database figures come from. Set once while wiring: the Slack client, which reports to these metrics,
     * starts before the database is open.
     */
    public void readStoredFrom(Supplier<Stored> reader) {
        this.readStored = reader;
    }

    /** The text {@code /metrics} answers: the database figures are read first, once. */
    public synchronized String scrape() {
        try {
            stored = readStored.get();
        } catch (RuntimeException e) {
            // A database that does not answer must not take the other figures down with it: its gauges read NaN.
            log.warn("Could not read the stored figures for /metrics: {}", e.toString());
            stored = null;
        }
        return registry.scrape();
    }

    private double open(Severity severity) {
        Stored now = stored;
        return now == null ? Double.NaN : now.openBySeverity().getOrDefault(severity, 0L);
    }

    @Override
    public void received() {
        eventsReceived.increment();
    }

    @Override
    public void answered(long nanos) {
        ackLatency.record(nanos, TimeUnit.NANOSECONDS);
    }

    /** What became of a message event. */
    public void messageOutcome(RecordOutcome outcome) {
        switch (outcome) {
            case RECORDED, ACCEPTED -> eventsRecorded.increment();
            case DUPLICATE -> eventsDeduplicated.increment();
            default -> {
            }
        }
    }

    /** An incident this replica opened. */
    public void incidentOpened(Incident incident) {
        started.get(incident.severity()).increment();
    }

    /** The report of a close was stored: the close is counted, and its time to resolve when it can be told. */
    public void reportStored(Postmortem report) {
        closed.get(report.severity()).increment();
        report.timings().spans().stream().filter(s -> s.label().equals("Time to resolve")).findFirst()
                .flatMap(s -> s.duration())
                .ifPresent(d -> timeToResolve.get(report.severity()).record(d));
    }

    /** A Web API call Slack refused (ok:false, or an HTTP error). */
    public void slackApiError(String method, String error) {
        String m = method != null && METHOD.matcher(method).matches() ? method : "other";
        String e = error != null && ERROR_CODE.matcher(error).matches() ? error : "other";
        Counter.builder("scribe.slack.api.errors").tag("method", m).tag("error", e)
                .description("Slack Web API calls that failed, by method and error").register(registry).increment();
    }

    private static Duration ms(long millis) {
        return Duration.ofMillis(millis);
    }

    private static Duration min(long minutes) {
        return Duration.ofMinutes(minutes);
    }
}
