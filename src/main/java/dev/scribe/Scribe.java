package dev.scribe;

import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import com.slack.api.methods.MethodsClient;
import dev.scribe.incident.Incident;
import dev.scribe.incident.IncidentService;
import dev.scribe.incident.Severity;
import dev.scribe.metrics.ScribeMetrics;
import dev.scribe.outbox.OutboxDrain;
import dev.scribe.reminder.Reminders;
import dev.scribe.slack.CatchUp;
import dev.scribe.slack.BotIdentity;
import dev.scribe.slack.ChannelMembers;
import dev.scribe.slack.Declarations;
import dev.scribe.slack.HeaderRefresher;
import dev.scribe.slack.HomeRefresher;
import dev.scribe.slack.HomeTabs;
import dev.scribe.slack.IncidentAudience;
import dev.scribe.slack.IncidentCommandListener;
import dev.scribe.slack.IncidentStarter;
import dev.scribe.slack.Listeners;
import dev.scribe.slack.ReportPublisher;
import dev.scribe.slack.SlackWebApi;
import dev.scribe.slack.SlackReminderPoster;
import dev.scribe.slack.SlackWebPoster;
import dev.scribe.slack.SocketModeConnection;
import dev.scribe.slack.Surfaces;
import dev.scribe.slack.UndeliverableReportNotices;
import dev.scribe.slack.WorkspaceDirectory;
import dev.scribe.slack.interaction.IncidentControls;
import dev.scribe.storage.Database;
import dev.scribe.storage.JdbiAnnouncements;
import dev.scribe.storage.JdbiCatchUps;
import dev.scribe.storage.JdbiCommandInvocations;
import dev.scribe.slack.view.HomeTab;
import dev.scribe.storage.JdbiHomeViewers;
import dev.scribe.storage.JdbiIncidentStore;
import dev.scribe.storage.JdbiOutbox;
import dev.scribe.storage.JdbiReminderStore;
import dev.scribe.storage.JdbiSignIns;
import dev.scribe.web.IncidentAccess;
import dev.scribe.web.IncidentPages;
import dev.scribe.web.SignInLinks;
import dev.scribe.web.SignatureVerifier;
import dev.scribe.web.WebServer;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.Optional;
import java.util.function.IntConsumer;
import java.util.function.IntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A running bot: database, Bolt app, listeners and web server, wired from a {@link Config}. Wiring only. */
public final class Scribe implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Scribe.class);

    /**
     * How long after the bot listens it starts posting the reports a restart left: they are not late by a second,
     * and posting them at once took CPU the first requests needed (on two cores, a restart is CPU-bound).
     */
    static final Duration BACKGROUND_AFTER = Duration.ofSeconds(1);

    private final Database database;
    private final JdbiIncidentStore store;
    private final App app;
    private final SlackWebApi slack;
    private final OutboxDrain drain;
    private final List<ExecutorService> workers;
    private final WebServer web;
    private final SocketModeConnection socket;
    private final CatchUp catchUp;

    private Scribe(Database database, JdbiIncidentStore store, App app, SlackWebApi slack, OutboxDrain drain,
                   List<ExecutorService> workers, WebServer web, SocketModeConnection socket, CatchUp catchUp) {
        this.socket = socket;
        this.catchUp = catchUp;
        this.database = database;
        this.store = store;
        this.drain = drain;
        this.app = app;
        this.slack = slack;
        this.workers = workers;
        this.web = web;
    }

    /** Migrates the database, checks the token with Slack ({@code auth.test}) and starts serving. */
    public static Scribe start(Config config, Clock clock) throws Exception {
        ScribeMetrics metrics = new ScribeMetrics();
        // The slowest parts of start-up overlap: while the database opens and migrates on this thread, one thread
        // makes Slack's client (its TLS set-up reads the JDK's trust store: about a third of a second) and checks
        // the token, another builds the Bolt app. Threads of their own, not the common pool, which has a single
        // thread on two cores and would run them one after the other (docs/performance.md, Start-up).
        ExecutorService startUp = Executors.newFixedThreadPool(2, daemonThreads("scribe-start-up-"));
        CompletableFuture<SlackWebApi> slackClient = CompletableFuture.supplyAsync(() -> SlackWebApi.open(
                config.slackApiUrl(), config.botToken(), config.slackCallTimeout(), metrics::slackApiError), startUp);
        CompletableFuture<BotIdentity> tokenChecked = slackClient.thenApply(SlackWebApi::checkBotToken);
        CompletableFuture<App> boltApp = slackClient.thenApplyAsync(slack -> boltApp(config, slack), startUp);
        boltApp.whenComplete((app, failure) -> startUp.shutdown());
        Database database;
        try {
            database = Database.open(config.dbUrl(), config.dbUser().orElse(null), config.dbPassword().orElse(null));
        } catch (RuntimeException e) {
            closeWhenMade(slackClient);
            throw e;
        }
        // The first statement through Jdbi registers its flight-recorder event with the JVM (about 0.1 s of CPU): made
        // here on a thread of its own while the wiring goes on, not by the first /healthz after the port opens.
        Thread firstStatement = new Thread(database::isHealthy, "scribe-first-statement");
        firstStatement.setDaemon(true);
        firstStatement.start();
        SlackWebApi slack;
        try {
            slack = join(slackClient);
        } catch (RuntimeException | Error e) {
            database.close();
            throw e;
        }
        MethodsClient methods = slack.methods();
        ExecutorService workers = Executors.newFixedThreadPool(4, daemonThreads("scribe-worker-"));
        ScheduledThreadPoolExecutor headers = new ScheduledThreadPoolExecutor(1, daemonThreads("scribe-header-"));
        // A refresh waiting out a rate limit is not worth holding up shutdown for.
        headers.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        ScheduledExecutorService reports = Executors.newSingleThreadScheduledExecutor(daemonThreads("scribe-reports-"));
        ScheduledExecutorService homeTabs = Executors.newSingleThreadScheduledExecutor(daemonThreads("scribe-home-"));
        ScheduledExecutorService reminding = Executors.newSingleThreadScheduledExecutor(daemonThreads("scribe-reminders-"));
        SocketModeConnection socket = null;
        JdbiIncidentStore store = null;
        CatchUp catchUp = null;
        try {
            // On the embedded database, messages are taken through a journal file next to it (docs/performance.md).
            store = database.journalFile().map(file -> JdbiIncidentStore.withJournal(database, clock, file))
                    .orElseGet(() -> new JdbiIncidentStore(database, clock));
            IncidentService incidents = new IncidentService(store, clock, config.zone(), config.reactions(),
                    config.roles());

            App app = join(boltApp);

            WorkspaceDirectory directory = new WorkspaceDirectory(methods);
            JdbiOutbox outbox = new JdbiOutbox(database, clock);
            // With SCRIBE_PUBLIC_URL set, the summary and the announcement link to the incident's page.
            IntFunction<Optional<String>> pageLinks = number -> SignInLinks.incidentPage(config.publicUrl(), number);
            ReportPublisher publisher = new ReportPublisher(incidents, directory, config.zone(), config.retroChannel(),
                    outbox, metrics::reportStored, pageLinks);
            JdbiIncidentStore stored = store;
            metrics.readStoredFrom(() -> storedFigures(stored, outbox));
            OutboxDrain drain = new OutboxDrain(outbox, new SlackWebPoster(methods), publisher::enqueue,
                    new UndeliverableReportNotices(incidents, config.retroChannel()), clock);
            // An Error thrown while draining (an OutOfMemoryError caused by other threads) would cancel the periodic
            // drain for good and leave every later report unposted: each run survives whatever the last one met.
            Runnable drainReports = () -> survive("posting reports", drain::drain);
            Runnable postReportsSoon = () -> reports.execute(drainReports);
            Reminders reminders = new Reminders(config.reminders(), new JdbiReminderStore(database),
                    new SlackReminderPoster(new SlackWebPoster(methods), publisher), clock);
            JdbiAnnouncements announcements = new JdbiAnnouncements(database);
            // The workspace the token belongs to: only its members get sign-in links and see the pages.
            BotIdentity identity = join(tokenChecked);
            String teamId = identity.teamId();
            JdbiSignIns signIns = new JdbiSignIns(database, clock);
            SignInLinks signInLinks = new SignInLinks(config.publicUrl(), teamId, signIns);
            Surfaces surfaces = new Surfaces(methods, slack.slack());
            // Who may see a private incident, in Slack's own surfaces: the Home tab and the declare form's list.
            IncidentAudience audience = new IncidentAudience(methods, clock);
            HomeTabs tabs = new HomeTabs(incidents, publisher, audience, surfaces,
                    new HomeTab.Buttons(true, signInLinks.handsOutLinks()), config.zone());
            HomeRefresher home = new HomeRefresher(new JdbiHomeViewers(database), tabs::publish, clock);
            // Home tabs list the open incidents: a start, a change and a close refresh them (debounced, paced).
            Runnable homesChanged = () -> homeTabs.execute(() -> survive("reading whose Home to refresh",
                    home::incidentsChanged));
            IncidentStarter starter = new IncidentStarter(methods, incidents, directory, config.zone(), announcements,
                    incident -> {
                        metrics.incidentOpened(incident);
                        homesChanged.run();
                    }, pageLinks);
            IncidentAccess access = new IncidentAccess(new ChannelMembers(methods), teamId, clock);
            IncidentPages pages = new IncidentPages(signIns, access, incidents, publisher::compile, config.publicUrl(),
                    clock);
            HeaderRefresher header = new HeaderRefresher(incidents, publisher, methods, announcements, headers,
                    config.zone(), pageLinks);
            IntConsumer changed = number -> {
                header.accept(number);
                homesChanged.run();
            };
            JdbiCommandInvocations invocations = new JdbiCommandInvocations(database, clock);
            Declarations declarations = new Declarations(methods, slack.slack(), incidents, starter, invocations,
                    config.channelMode(), identity.has(BotIdentity.GROUPS_WRITE), workers, config.zone(), audience);
            IncidentCommandListener command = new IncidentCommandListener(incidents,
                    invocations, starter, publisher, config.channelMode(), workers, changed,
                    postReportsSoon, config.zone(), directory, signInLinks, declarations, audience);
            Listeners.register(app, incidents, command, declarations, changed, clock, metrics::messageOutcome);
            Listeners.registerInteractions(app, incidents, surfaces, workers, changed, clock, home, signInLinks);
            IncidentControls controls = new IncidentControls(incidents, methods, config.zone(), workers, changed,
                    number -> {
                        publisher.enqueue(number);
                        postReportsSoon.run();
                    });
            Listeners.registerHeaderControls(app, controls);
            if (config.catchesUp()) {
                catchUp = new CatchUp(incidents, new JdbiCatchUps(database), methods, header, clock, config.catchUpRate());
                catchUp.watch(app);
            }
            app.start();

            // Socket Mode needs no public endpoint: HTTP then serves only /healthz.
            boolean socketMode = config.appToken().isPresent();
            // Healthy means messages reach the database: it answers, and what was acknowledged is being stored.
            JdbiIncidentStore storing = store;
            BooleanSupplier healthy = () -> database.isHealthy() && storing.isStoring();
            WebServer.Metrics served = new WebServer.Metrics(metrics::scrape, config.metricsToken(), metrics);
            WebServer web = socketMode
                    ? new WebServer(config.port(), null, null, healthy, pages, served, outbox::health)
                    : new WebServer(config.port(), app,
                            Listeners.directMessages(incidents, metrics::messageOutcome, identity, catchUp),
                            new SignatureVerifier(config.signingSecret(), clock),
                            healthy, pages, served, outbox::health);
            web.start();
            if (socketMode) {
                socket = new SocketModeConnection(app, config.appToken().get());
                if (catchUp != null) {
                    socket.whenConnected(catchUp::reconnected);
                }
                socket.start();
            }
            // Reads back what was said while the bot was down, off the request threads.
            if (catchUp != null) {
                catchUp.start();
            }
            // One thread posts reports: a second after start (a restart resumes what was left), every two seconds
            // (retries that are due), and right after a close. Only once everything is up, so a failed start-up never
            // has a drain running against a pool it is closing.
            reports.scheduleWithFixedDelay(drainReports, BACKGROUND_AFTER.toMillis(), 2_000, TimeUnit.MILLISECONDS);
            // At most one Home tab a step; HomeRefresher paces and debounces them.
            homeTabs.scheduleWithFixedDelay(() -> survive("publishing Home tabs", home::publishDue),
                    250, 250, TimeUnit.MILLISECONDS);
            if (config.reminders().anyOn()) {
                long every = config.reminders().pollEvery().toMillis();
                reminding.scheduleWithFixedDelay(() -> survive("sending reminders", reminders::remind), every, every,
                        TimeUnit.MILLISECONDS);
            }
            log.info("Incident Scribe is listening on port {} ({})", web.port(), config);
            return new Scribe(database, store, app, slack, drain, List.of(workers, headers, reports, reminding, homeTabs),
                    web, socket, catchUp);
        } catch (Exception | Error e) {
            slack.close();
            if (socket != null) {
                socket.close();
            }
            if (catchUp != null) {
                catchUp.close();
            }
            for (ExecutorService pool : List.of(workers, headers, reports, reminding, homeTabs)) {
                pool.shutdownNow();
            }
            for (ExecutorService pool : List.of(workers, headers, reports, reminding, homeTabs)) {
                pool.awaitTermination(5, TimeUnit.SECONDS);
            }
            if (store != null) {
                store.close();
            }
            database.close();
            throw e;
        }
    }

    /**
     * Returns once every message acknowledged so far is in the database tables (on the embedded database they
     * reach the message journal first), for tools and tests that read the tables directly.
     */
    public void awaitStored() {
        store.awaitStored();
    }

    /** The HTTP port bound. */
    public int port() {
        return web.port();
    }

    /**
     * Stops taking requests, finishes work already handed to the workers (a report being posted stops after
     * its current part; the rest stays stored for the next start), then closes the pool.
     */
    @Override
    public void close() throws Exception {
        if (socket != null) {
            socket.close();
        }
        web.close();
        if (catchUp != null) {
            catchUp.close();
        }
        drain.stop();
        for (ExecutorService pool : workers) {
            pool.shutdown();
        }
        for (ExecutorService pool : workers) {
            if (!pool.awaitTermination(30, TimeUnit.SECONDS)) {
                log.warn("Some work did not finish within 30 s of shutdown");
                pool.shutdownNow();
            }
        }
        app.stop();
        slack.close();
        store.close();
        database.close();
        log.info("Incident Scribe stopped");
    }

    /** What /metrics reads from the database at each scrape: open incidents by severity, and the outbox. */
    private static ScribeMetrics.Stored storedFigures(JdbiIncidentStore store, JdbiOutbox outbox) {
        Map<Severity, Long> open = new EnumMap<>(Severity.class);
        for (Incident incident : store.listOpen()) {
            open.merge(incident.severity(), 1L, Long::sum);
        }
        JdbiOutbox.Backlog backlog = outbox.backlog();
        return new ScribeMetrics.Stored(open, backlog.pendingPosts(), backlog.oldestAge());
    }

    private static App boltApp(Config config, SlackWebApi slack) {
        return new App(AppConfig.builder()
                .singleTeamBotToken(config.botToken())
                .signingSecret(config.signingSecret())
                .slack(slack.slack())
                // Signatures are checked by SlackRequestFilter on the raw bytes, in both time directions.
                .requestVerificationEnabled(false)
                // Events nobody handles are acknowledged, so Slack neither retries them nor counts failures.
                .allEventsApiAutoAckEnabled(true)
                .subtypedMessageEventsAutoAckEnabled(true)
                .build());
    }

    /** The value of a start-up step, or what it threw (a failed token check is its own one-line message). */
    private static <T> T join(CompletableFuture<T> step) {
        try {
            return step.join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    /** Closes Slack's client once it is made, when start-up failed before it was needed. */
    private static void closeWhenMade(CompletableFuture<SlackWebApi> slackClient) {
        slackClient.thenAccept(slack -> {
            try {
                slack.close();
            } catch (Exception e) {
                log.debug("Could not close Slack's client after a failed start-up", e);
            }
        });
    }

    /** Runs a periodic job, logging rather than passing on anything it throws, so the next run still happens. */
    static void survive(String what, Runnable job) {
        try {
            job.run();
        } catch (RuntimeException | Error e) {
            log.error("Failed while {}; trying again on the next run", what, e);
        }
    }

    private static java.util.concurrent.ThreadFactory daemonThreads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
