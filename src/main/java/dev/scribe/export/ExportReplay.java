package dev.scribe.export;

import dev.scribe.export.SlackExport.Channel;
import dev.scribe.export.SlackExport.Message;
import dev.scribe.incident.Incident;
import dev.scribe.incident.IncidentService;
import dev.scribe.incident.Roles;
import dev.scribe.incident.MessageTimes;
import dev.scribe.incident.UserText;
import dev.scribe.incident.ReactionMap;
import dev.scribe.incident.RecordedMessage;
import dev.scribe.incident.Severity;
import dev.scribe.report.Directory;
import dev.scribe.report.PostmortemCompiler;
import dev.scribe.report.PostmortemRenderer;
import dev.scribe.slack.SlackIds;
import dev.scribe.slack.SlackTs;
import dev.scribe.storage.Database;
import dev.scribe.storage.JdbiIncidentStore;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Replays a channel of a Slack export through the live path's own domain and storage (on a throwaway
 * in-memory database with the production migrations): the incident opens at the first message and closes at
 * the last, each message is recorded as the live listener records it, each reaction marks as a live reaction
 * does, and the report is compiled and rendered by the same code the bot posts with.
 */
final class ExportReplay {

    /** Message subtypes the live bot records; the rest (joins, leaves, bots, topic changes ...) it leaves out. */
    private static final Set<String> RECORDED_SUBTYPES = Set.of("thread_broadcast", "file_share", "me_message");

    private ExportReplay() {
    }

    /** What to take from the export; {@code now} bounds the plausible times of messages. */
    record Request(Channel channel, Optional<Instant> from, Optional<Instant> to, Optional<String> title,
                   Optional<String> commander, ZoneId zone, ReactionMap reactions, Instant now) {
    }

    /**
     * The report of the request's channel. Messages Slack could not have written (a time before 2013 or more
     * than a day ahead, a user id that is not an id) are left out, and {@code notices} is told how many.
     */
    static String report(SlackExport export, Request request, Consumer<String> notices) {
        Channel channel = request.channel();
        LeftOut badTime = new LeftOut("whose time no Slack message has (before "
                + MessageTimes.EARLIEST.toString().substring(0, 10) + " or more than a day from now)");
        LeftOut badUser = new LeftOut("whose user id is not a Slack user id");
        List<Message> messages = new ArrayList<>();
        export.forEachMessage(channel, m -> {
            if (!isHumanMessage(m)) {
                return;
            }
            Instant at = SlackTs.toInstant(m.ts());
            if (!MessageTimes.isPlausible(at, request.now())) {
                badTime.add(m);
            } else if (!SlackIds.isValid(m.user())) {
                badUser.add(m);
            } else if (request.from().map(f -> !at.isBefore(f)).orElse(true)
                    && request.to().map(t -> at.isBefore(t)).orElse(true)) {
                messages.add(m);
            }
        });
        badTime.tell(notices);
        badUser.tell(notices);
        messages.sort(Comparator.comparing((Message m) -> SlackTs.toInstant(m.ts())).thenComparing(Message::ts));
        if (messages.isEmpty()) {
            throw new ExportException("#" + channel.name() + " has no messages from people"
                    + (request.from().isPresent() || request.to().isPresent() ? " in that time range" : ""));
        }
        Message first = messages.get(0);
        Message last = messages.get(messages.size() - 1);
        // The commander opens it; without one named, the first person who wrote.
        String commander = request.commander().map(name -> userId(export, name)).orElse(first.user());
        String title = title(request, channel);
        ReplayClock clock = new ReplayClock(SlackTs.toInstant(first.ts()));
        try (Database database = Database.open("jdbc:h2:mem:export-" + UUID.randomUUID(), null, null)) {
            // An export cannot tell who held which role besides the commander, so its report names no other.
            IncidentService incidents = new IncidentService(new JdbiIncidentStore(database, clock), clock,
                    request.zone(), request.reactions(), Roles.parse(Roles.COMMANDER));
            String channelId = SlackIds.isValid(channel.id()) ? channel.id() : REPLAY_CHANNEL;
            Incident incident = incidents.open(title, Severity.SEV3, channelId, channelId, commander);
            for (Message m : messages) {
                // As if it arrived live, when it was written: the replay's clock is the message's time.
                clock.set(SlackTs.toInstant(m.ts()));
                incidents.record(new RecordedMessage(channelId, m.ts(), validThread(m.threadTs(), request.now()), m.user(),
                        m.text() == null ? "" : m.text(), SlackTs.toInstant(m.ts())), "export-" + m.ts());
            }
            for (Message m : messages) {
                m.reactions().forEach(r -> r.users().stream().filter(SlackIds::isValid)
                        .forEach(user -> incidents.mark(channelId, m.ts(), r.name(), user)));
            }
            clock.set(SlackTs.toInstant(last.ts()));
            incidents.close(channelId, last.user(), null);
            Directory directory = new ExportDirectory(export, channelId, channel.name());
            return new PostmortemRenderer().render(new PostmortemCompiler(directory, request.zone())
                    .compile(incidents.load(incident.number())));
        }
    }

    /** The channel id the replay stores under when the export's is missing or not an id. */
    private static final String REPLAY_CHANNEL = "CEXPORT";

    /** Messages left out for one reason: how many, and the first, to name in the notice. */
    private static final class LeftOut {
        private final String why;
        private int count;
        private Message first;

        LeftOut(String why) {
            this.why = why;
        }

        void add(Message m) {
            if (count++ == 0) {
                first = m;
            }
        }

        void tell(Consumer<String> notices) {
            if (count > 0) {
                notices.accept("left out " + count + (count == 1 ? " message " : " messages ") + why
                        + " (the first: ts " + first.ts() + " in " + first.file() + ")");
            }
        }
    }

    private static String userId(SlackExport export, String name) {
        String wanted = name.startsWith("@") ? name.substring(1) : name;
        return export.findUser(wanted).orElseThrow(() -> new ExportException("no user '" + name + "' in users.json"));
    }

    /** The live MessageListener's rule: people's messages, not bots', not joins and leaves. */
    private static boolean isHumanMessage(Message m) {
        return m.user() != null && m.botId() == null && SlackTs.isValid(m.ts())
                && (m.subtype() == null || RECORDED_SUBTYPES.contains(m.subtype()));
    }

    /** A thread's ts when it is one Slack could have written; else the message stands on its own. */
    private static String validThread(String threadTs, Instant now) {
        return threadTs != null && SlackTs.isValid(threadTs) && MessageTimes.isPlausible(SlackTs.toInstant(threadTs), now)
                ? threadTs : null;
    }

    /**
     * {@code --title}, else the channel's purpose, else its name: on one line, cut to the title limit on a code
     * point (never between the two halves of an emoji, which no file can hold).
     */
    private static String title(Request request, Channel channel) {
        if (request.title().isPresent() && UserText.oneLine(request.title().get()).isEmpty()) {
            throw new ExportException("--title is blank; give the incident's title, or leave --title out to use "
                    + "the channel's purpose");
        }
        String title = request.title()
                .or(() -> Optional.ofNullable(channel.purpose()))
                .map(UserText::oneLine)
                .filter(t -> !t.isEmpty())
                .orElse("#" + channel.name());
        int max = IncidentService.MAX_TITLE_LENGTH;
        return title.codePointCount(0, title.length()) > max
                ? title.substring(0, title.offsetByCodePoints(0, max - 1)) + "…" : title;
    }

    /** Names from users.json and channels.json; an export has no workspace address, so no permalinks. */
    private record ExportDirectory(SlackExport export, String replayChannelId, String replayChannelName) implements Directory {
        @Override
        public String userName(String userId) {
            return export.userName(userId).orElse(userId);
        }

        @Override
        public String channelName(String channelId) {
            if (channelId.equals(replayChannelId)) {
                return replayChannelName;
            }
            return export.channels().stream().filter(c -> channelId.equals(c.id())).map(Channel::name).findFirst()
                    .orElse(channelId);
        }

        @Override
        public Optional<String> permalink(String channelId, String ts, String threadTs) {
            return Optional.empty();
        }
    }
}
