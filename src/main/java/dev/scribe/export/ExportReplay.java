package dev.scribe.export;

import dev.scribe.export.SlackExport.Channel;
import dev.scribe.export.SlackExport.Message;
import dev.scribe.incident.Incident;
import dev.scribe.incident.IncidentService;
import dev.scribe.incident.ReactionMap;
import dev.scribe.incident.RecordedMessage;
import dev.scribe.incident.Severity;
import dev.scribe.report.Directory;
import dev.scribe.report.PostmortemCompiler;
import dev.scribe.report.PostmortemRenderer;
import dev.scribe.slack.SlackTs;
import dev.scribe.storage.Database;
import dev.scribe.storage.JdbiIncidentStore;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

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

    /** What to take from the export. */
    record Request(Channel channel, Optional<Instant> from, Optional<Instant> to, Optional<String> title,
                   Optional<String> commander, ZoneId zone, ReactionMap reactions) {
    }

    static String report(SlackExport export, Request request) {
        Channel channel = request.channel();
        List<Message> messages = export.messages(channel).stream()
                .filter(ExportReplay::isHumanMessage)
                .filter(m -> request.from().map(f -> !SlackTs.toInstant(m.ts()).isBefore(f)).orElse(true))
                .filter(m -> request.to().map(t -> SlackTs.toInstant(m.ts()).isBefore(t)).orElse(true))
                .sorted(Comparator.comparing((Message m) -> SlackTs.toInstant(m.ts())).thenComparing(Message::ts))
                .toList();
        if (messages.isEmpty()) {
            throw new ExportException("#" + channel.name() + " has no messages from people"
                    + (request.from().isPresent() || request.to().isPresent() ? " in that time range" : ""));
        }
        Message first = messages.get(0);
        Message last = messages.get(messages.size() - 1);
        ReplayClock clock = new ReplayClock(SlackTs.toInstant(first.ts()));
        try (Database database = Database.open("jdbc:h2:mem:export-" + UUID.randomUUID(), null, null)) {
            IncidentService incidents = new IncidentService(new JdbiIncidentStore(database, clock), clock,
                    request.zone(), request.reactions());
            String channelId = channel.id() == null ? channel.name() : channel.id();
            // The commander opens it; without one named, the first person who wrote.
            String commander = request.commander().map(name -> userId(export, name)).orElse(first.user());
            Incident incident = incidents.open(title(request, channel), Severity.SEV3, channelId, channelId, commander);
            for (Message m : messages) {
                incidents.record(new RecordedMessage(channelId, m.ts(), validThread(m.threadTs()), m.user(),
                        m.text() == null ? "" : m.text(), SlackTs.toInstant(m.ts())), "export-" + m.ts());
            }
            for (Message m : messages) {
                m.reactions().forEach(r -> r.users().forEach(user -> incidents.mark(channelId, m.ts(), r.name(), user)));
            }
            clock.set(SlackTs.toInstant(last.ts()));
            incidents.close(channelId, last.user(), null);
            Directory directory = new ExportDirectory(export);
            return new PostmortemRenderer().render(new PostmortemCompiler(directory, request.zone())
                    .compile(incidents.load(incident.number())));
        }
    }

    private static String userId(SlackExport export, String name) {
        String wanted = name.startsWith("@") ? name.substring(1) : name;
        return export.users().values().stream()
                .filter(u -> u.id().equals(wanted) || u.name().equalsIgnoreCase(wanted) || u.handle().equalsIgnoreCase(wanted))
                .map(SlackExport.User::id).findFirst()
                .orElseThrow(() -> new ExportException("no user '" + name + "' in users.json"));
    }

    /** The live MessageListener's rule: people's messages, not bots', not joins and leaves. */
    private static boolean isHumanMessage(Message m) {
        return m.user() != null && m.botId() == null && SlackTs.isValid(m.ts())
                && (m.subtype() == null || RECORDED_SUBTYPES.contains(m.subtype()));
    }

    private static String validThread(String threadTs) {
        return threadTs != null && SlackTs.isValid(threadTs) ? threadTs : null;
    }

    private static String title(Request request, Channel channel) {
        String title = request.title()
                .or(() -> Optional.ofNullable(channel.purpose()).filter(p -> !p.isBlank()))
                .orElse("#" + channel.name()).strip();
        return title.length() > IncidentService.MAX_TITLE_LENGTH
                ? title.substring(0, IncidentService.MAX_TITLE_LENGTH - 1) + "…" : title;
    }

    /** Names from users.json and channels.json; an export has no workspace address, so no permalinks. */
    private record ExportDirectory(SlackExport export) implements Directory {
        @Override
        public String userName(String userId) {
            SlackExport.User user = export.users().get(userId);
            return user == null ? userId : user.name();
        }

        @Override
        public String channelName(String channelId) {
            return export.channels().stream().filter(c -> channelId.equals(c.id())).map(Channel::name).findFirst()
                    .orElse(channelId);
        }

        @Override
        public Optional<String> permalink(String channelId, String ts, String threadTs) {
            return Optional.empty();
        }
    }
}
