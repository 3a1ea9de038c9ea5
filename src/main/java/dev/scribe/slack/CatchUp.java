package dev.scribe.slack;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.slack.api.bolt.App;
import com.slack.api.bolt.request.builtin.EventRequest;
import com.slack.api.methods.MethodsClient;
import dev.scribe.incident.CatchUps;
import dev.scribe.incident.CatchUps.Claim;
import dev.scribe.incident.Incident;
import dev.scribe.incident.IncidentService;
import dev.scribe.logging.LogSafe;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Catching up on what Slack could not deliver: on start-up, when Socket Mode connects again, and when an event comes
 * in a channel after more than {@link #EVENT_GAP} without one, each open incident's channel is read back
 * ({@link ChannelCatchUp}). The reads run on threads of their own, never on a request's; they take turns one Slack
 * call at a time (each incident's next call goes to the back of the queue) and share one {@link SlackPacer}, so one
 * long read neither holds up live traffic nor another incident's read. Which incidents are to be read, who reads
 * each and how far they came is in the database ({@link CatchUps}): one replica reads an incident at a time, and a
 * restart goes on where the read stopped.
 */
public final class CatchUp implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CatchUp.class);

    /**
     * A channel silent for longer than this may have missed events: Slack retries an event for about five minutes
     * and then drops it, so after five minutes without any, the next event is checked against the channel's history.
     */
    public static final Duration EVENT_GAP = Duration.ofMinutes(5);
    /**
     * How long a replica holds a read without renewing it. It renews before every call, but a call may wait out a
     * rate limit first (Slack's Retry-After is seldom more than a minute).
     */
    static final Duration LEASE = Duration.ofMinutes(2);
    /** How often every replica looks for reads that are due: given back, left by a replica that died, to retry. */
    static final Duration POLL = Duration.ofSeconds(5);
    /** How long to hold back after a rate limit that came without a Retry-After. */
    static final Duration RATE_LIMIT_WAIT = Duration.ofSeconds(5);
    /** A read that failed is tried again after 5 s, 10 s, 20 s ... up to this. */
    static final Duration MAX_BACKOFF = Duration.ofMinutes(5);
    /** Errors no retry fixes: the read ends with what it recovered so far, and says so in the log. */
    static final Set<String> GIVE_UP = Set.of("channel_not_found", "not_in_channel", "is_archived", "missing_scope",
            "invalid_auth", "account_inactive", "token_revoked");
    /** Reads going on at once: two, so that a call Slack is slow to answer holds up no other incident's read. */
    private static final int READERS = 2;

    private final IncidentService incidents;
    private final CatchUps catchUps;
    private final MethodsClient methods;
    private final IntConsumer headerChanged;
    private final Clock clock;
    private final SlackPacer pacer;
    private final String worker = "catch-up-" + UUID.randomUUID();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(threads("scribe-catch-up-"));
    private final ExecutorService readers = Executors.newFixedThreadPool(READERS, threads("scribe-read-back-"));
    /** The incidents this replica is reading back now. */
    private final Set<Integer> reading = ConcurrentHashMap.newKeySet();
    /** When each channel's last event came ({@link System#nanoTime()}), to see a gap. */
    private final Map<String, Long> lastEvent = new ConcurrentHashMap<>();
    private final LongSupplier nanoTime;
    private volatile boolean closed;

    /**
     * @param headerChanged told an incident's number when its header should say it is catching up, or no longer is
     * @param callsPerMinute the most calls a minute of each Slack method reads make (Slack's Tier 3 is 50)
     */
    public CatchUp(IncidentService incidents, CatchUps catchUps, MethodsClient methods, IntConsumer headerChanged,
                   Clock clock, int callsPerMinute) {
        this(incidents, catchUps, methods, headerChanged, clock, callsPerMinute, System::nanoTime);
    }

    /**
     * As above, with the time gaps are measured in: elapsed time, as Slack's retries go, not the wall clock, which
     * may jump (and which tests set to replay an incident).
     */
    CatchUp(IncidentService incidents, CatchUps catchUps, MethodsClient methods, IntConsumer headerChanged, Clock clock,
            int callsPerMinute, LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
        this.incidents = incidents;
        this.catchUps = catchUps;
        this.methods = methods;
        this.headerChanged = headerChanged;
        this.clock = clock;
        this.pacer = new SlackPacer(callsPerMinute);
    }

    /**
     * Watches every event for the channel it happened in: the first event after {@link #EVENT_GAP} of silence in an
     * incident's channel asks for that incident to be read back. Costs the request a map update, nothing more.
     */
    public void watch(App app) {
        app.use((request, response, chain) -> {
            if (request instanceof EventRequest event) {
                channelOf(event).ifPresent(this::eventIn);
            }
            return chain.next(request);
        });
    }

    /**
     * The channel an event happened in: Bolt reads it from the event's {@code channel}; a reaction names it in its
     * {@code item}, read here (reactions are a small share of the events).
     */
    private static Optional<String> channelOf(EventRequest event) {
        String channel = event.getContext().getChannelId();
        if (channel != null || event.getEventType() == null || !event.getEventType().startsWith("reaction_")) {
            return Optional.ofNullable(channel);
        }
        try {
            JsonObject item = JsonParser.parseString(event.getRequestBodyAsString()).getAsJsonObject()
                    .getAsJsonObject("event").getAsJsonObject("item");
            JsonElement id = item == null ? null : item.get("channel");
            return id != null && id.isJsonPrimitive() ? Optional.of(id.getAsString()) : Optional.empty();
        } catch (RuntimeException e) {
            return Optional.empty(); // not the shape of a reaction: nothing to watch
        }
    }

    /** Starts: every open incident is read back (what happened while the bot was down), then reads as they are due. */
    public void start() {
        scheduler.execute(() -> requestOpen("start-up"));
        scheduler.scheduleWithFixedDelay(this::pollQuietly, POLL.toMillis(), POLL.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Socket Mode connected again: events sent while it was down may be lost, so every open incident is read back. */
    public void reconnected() {
        submit(() -> requestOpen("Socket Mode connected"));
    }

    /** An event came in {@code channelId}. */
    void eventIn(String channelId) {
        long now = nanoTime.getAsLong();
        Long previous = lastEvent.put(channelId, now);
        if (previous != null && now - previous > EVENT_GAP.toNanos()) {
            Instant at = clock.instant();
            long silentSeconds = TimeUnit.NANOSECONDS.toSeconds(now - previous);
            submit(() -> incidents.openIn(channelId).ifPresent(incident -> {
                log.info("First event in {} after {} s without one; reading back incident {}", LogSafe.text(channelId),
                        silentSeconds, incident.number());
                request(incident.number(), at);
                poll();
            }));
        }
    }

    private void requestOpen(String why) {
        Instant now = clock.instant();
        for (Incident incident : incidents.listOpen()) {
            log.info("Reading back incident {} ({})", incident.number(), why);
            request(incident.number(), now);
        }
        poll();
    }

    private void request(int number, Instant at) {
        catchUps.request(number, at);
        headerChanged.accept(number);
    }

    private void pollQuietly() {
        try {
            poll();
        } catch (RuntimeException | Error e) {
            log.warn("Could not look for catch-ups that are due: {}", e.toString());
        }
    }

    /** Takes every read that is due and nobody holds, and starts it. */
    private void poll() {
        Instant now = clock.instant();
        for (int number : catchUps.due(now)) {
            if (closed || !reading.add(number)) {
                continue;
            }
            Optional<Claim> claim;
            try {
                claim = catchUps.claim(number, worker, now, leaseFrom(now));
            } catch (RuntimeException e) {
                reading.remove(number);
                throw e;
            }
            if (claim.isEmpty()) {
                reading.remove(number); // another replica took it
                continue;
            }
            begin(number, claim.get());
        }
    }

    private void begin(int number, Claim claim) {
        Optional<Incident> incident = incidents.find(number).filter(Incident::isOpen);
        if (incident.isEmpty()) {
            // Closed before it was read back: its report is compiled, nothing can be added to it.
            end(number, 0, Optional.empty());
            return;
        }
        ChannelCatchUp read;
        try {
            read = new ChannelCatchUp(incidents, catchUps, methods, pacer, worker, incident.get(), claim);
        } catch (RuntimeException e) {
            retryLater(number, claim.attempts(), e.toString());
            return;
        }
        read(read, claim.attempts());
    }

    private void read(ChannelCatchUp read, int attempts) {
        try {
            readers.execute(() -> step(read, attempts));
        } catch (RejectedExecutionException e) {
            // Stopping: the read is given back with its progress below.
            giveBack(read.number());
        }
    }

    /** One call of a read; the next goes to the back of the queue, behind the other incidents' calls. */
    private void step(ChannelCatchUp read, int attempts) {
        int number = read.number();
        if (closed) {
            giveBack(number);
            return;
        }
        try {
            if (!catchUps.renew(number, worker, leaseFrom(clock.instant()))) {
                log.info("The catch-up of incident {} was taken over by another replica", number);
                reading.remove(number);
                return;
            }
            if (read.step() == ChannelCatchUp.Next.MORE) {
                read(read, attempts);
                return;
            }
            log.info("Read back incident {}: {} recovered", number, ReportBlocks.count(read.recovered(), "message"));
            end(number, read.recovered(), read.firstRecovered());
        } catch (SlackCallException e) {
            failed(read, attempts, e);
        } catch (ChannelCatchUp.IncidentClosedException e) {
            end(number, read.recovered(), read.firstRecovered());
        } catch (InterruptedException e) {
            giveBack(number);
        } catch (ChannelCatchUp.LeaseLostException e) {
            log.info("Stopped reading back incident {}: {}", number, e.getMessage());
            reading.remove(number);
        } catch (RuntimeException e) {
            retryLater(number, attempts, e.toString());
        }
    }

    private void failed(ChannelCatchUp read, int attempts, SlackCallException e) {
        int number = read.number();
        if (closed) {
            giveBack(number);
        } else if (e.isRateLimit()) {
            Duration wait = e.retryAfter().orElse(RATE_LIMIT_WAIT);
            log.info("Slack is rate-limiting {}; reading back incident {} goes on in {} s", e.method(), number,
                    wait.toSeconds());
            pacer.rateLimited(e.method(), wait);
            read(read, attempts);
        } else if (GIVE_UP.contains(e.error())) {
            log.warn("Could not read back incident {}: {} answered {}; what it missed cannot be recovered until that is "
                    + "fixed", number, e.method(), LogSafe.text(e.error()));
            end(number, read.recovered(), read.firstRecovered());
        } else {
            retryLater(number, attempts, e.method() + " answered " + e.error());
        }
    }

    private void end(int number, int recovered, Optional<Instant> firstRecovered) {
        try {
            catchUps.finish(number, worker, recovered, firstRecovered, clock.instant());
            headerChanged.accept(number);
        } catch (RuntimeException e) {
            log.warn("Could not note the end of the catch-up of incident {}: {}", number, e.toString());
        } finally {
            reading.remove(number);
        }
        // Another read may have been asked for while this one ran.
        submit(this::poll);
    }

    private void retryLater(int number, int attempts, String why) {
        Duration wait = Duration.ofSeconds(5).multipliedBy(1L << Math.min(Math.max(attempts - 1, 0), 10));
        wait = wait.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : wait;
        log.warn("Reading back incident {} failed ({}); trying again in {} s", number, LogSafe.text(why), wait.toSeconds());
        try {
            catchUps.release(number, worker, clock.instant().plus(wait));
        } catch (RuntimeException e) {
            log.warn("Could not give back the catch-up of incident {}: {}", number, e.toString());
        } finally {
            reading.remove(number);
        }
    }

    private void giveBack(int number) {
        try {
            catchUps.release(number, worker, clock.instant());
        } catch (RuntimeException e) {
            log.debug("Could not give back the catch-up of incident {} while stopping: {}", number, e.toString());
        } finally {
            reading.remove(number);
        }
    }

    private void submit(Runnable job) {
        try {
            scheduler.execute(() -> {
                try {
                    job.run();
                } catch (RuntimeException | Error e) {
                    log.warn("Could not ask for a catch-up: {}", e.toString());
                }
            });
        } catch (RejectedExecutionException e) {
            // stopping
        }
    }

    static Instant leaseFrom(Instant now) {
        return now.plus(LEASE);
    }

    /**
     * Stops reading: a read under way stops at its current call and is given back with its progress, so the next
     * start (or another replica) goes on from there.
     */
    @Override
    public void close() throws InterruptedException {
        // No thread is interrupted: an interrupt during a write closes the embedded database's file. The pacer's waits
        // end, a Slack call under way finishes (within twice the call timeout), and each read stops at its next step.
        closed = true;
        pacer.stop();
        scheduler.shutdown();
        readers.shutdown();
        if (!readers.awaitTermination(30, TimeUnit.SECONDS)) {
            log.warn("A catch-up did not stop within 30 s");
        }
        scheduler.awaitTermination(5, TimeUnit.SECONDS);
        for (int number : Set.copyOf(reading)) {
            giveBack(number);
        }
    }

    private static java.util.concurrent.ThreadFactory threads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
