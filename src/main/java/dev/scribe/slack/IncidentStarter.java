package dev.scribe.slack;

import com.slack.api.methods.MethodsClient;
import com.slack.api.model.Conversation;
import dev.scribe.command.Command;
import dev.scribe.incident.Announcements;
import dev.scribe.incident.Declaration;
import dev.scribe.incident.Incident;
import dev.scribe.incident.IncidentService;
import dev.scribe.slack.view.IncidentHeader;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens an incident where it will live: a new channel {@code inc-<yyyymmdd>-<slug>}, or the current channel
 * when so configured or when the channel cannot be created. Runs after the command was acknowledged.
 */
public final class IncidentStarter {

    private static final Logger log = LoggerFactory.getLogger(IncidentStarter.class);

    /** How many {@code -2}, {@code -3} ... suffixes to try before giving up on a dedicated channel. */
    private static final int NAME_ATTEMPTS = 20;

    private final MethodsClient methods;
    private final IncidentService incidents;
    private final WorkspaceDirectory directory;
    private final ZoneId zone;
    private final SlackWebPoster poster;
    private final Announcements announcements;
    private final Consumer<Incident> opened;
    private final IntFunction<Optional<String>> pages;

    public IncidentStarter(MethodsClient methods, IncidentService incidents, WorkspaceDirectory directory, ZoneId zone,
                           Announcements announcements) {
        this(methods, incidents, directory, zone, announcements, incident -> { });
    }

    /** As above; {@code opened} is told each incident this replica opens (the metrics count them). */
    public IncidentStarter(MethodsClient methods, IncidentService incidents, WorkspaceDirectory directory, ZoneId zone,
                           Announcements announcements, Consumer<Incident> opened) {
        this(methods, incidents, directory, zone, announcements, opened, number -> Optional.empty());
    }

    /** As above; {@code pages} gives an incident's web page, which the announcement links to (empty: no link). */
    public IncidentStarter(MethodsClient methods, IncidentService incidents, WorkspaceDirectory directory, ZoneId zone,
                           Announcements announcements, Consumer<Incident> opened, IntFunction<Optional<String>> pages) {
        this.pages = pages;
        this.opened = opened;
        this.methods = methods;
        this.incidents = incidents;
        this.directory = directory;
        this.zone = zone;
        this.poster = new SlackWebPoster(methods);
        this.announcements = announcements;
    }

    /**
     * An opened incident, whether it had to fall back to the channel where it was started, and whether it was
     * announced there already (else the caller answers the command instead).
     */
    public record Opened(Incident incident, boolean fellBack, String fallbackReason, boolean announced) {
    }

    /** Creates the incident's own channel and opens the incident there; falls back to the origin channel. */
    public Opened openInOwnChannel(Command.Start start, String originChannelId, String userId) {
        return openInOwnChannel(declaration(start), originChannelId, userId, false);
    }

    /**
     * Creates the incident's own channel (a private one when asked) and opens the declared incident there. When the
     * channel cannot be created, a public incident falls back to the origin channel; with no origin (a global
     * shortcut), or for a private incident, nothing is opened and the {@link SlackCallException} is thrown. A private
     * incident is not announced in the origin channel, where people outside it would read its title.
     *
     * @param originChannelId where it was declared, or null
     */
    public Opened openInOwnChannel(Declaration declaration, String originChannelId, String userId, boolean privateChannel) {
        Conversation channel;
        try {
            channel = createChannel(declaration.title(), privateChannel);
        } catch (SlackCallException e) {
            if (originChannelId == null || privateChannel) {
                throw e;
            }
            log.warn("Could not create an incident channel ({}); the incident lives in {} instead", e.error(), originChannelId);
            Incident incident = openHere(declaration, originChannelId, userId);
            return new Opened(incident, true, e.error(), false);
        }
        directory.rememberChannel(channel.getId(), channel.getName());
        Incident incident = incidents.open(declaration, channel.getId(), originChannelId, userId);
        opened.accept(incident);
        invite(channel.getId(), userId);
        postHeader(incident);
        boolean announced = originChannelId != null && !privateChannel && announce(incident);
        return new Opened(incident, false, null, announced);
    }

    private static Declaration declaration(Command.Start start) {
        return new Declaration(start.title(), start.severity(), "");
    }

    /**
     * Announces the incident where it was started with a message of the bot's own, which (unlike the command's
     * answer) can be updated as the incident changes. False when the bot cannot post there (a private channel or
     * a conversation it is not in): the command's answer announces it then, as it is.
     */
    private boolean announce(Incident incident) {
        String origin = incident.originChannelId();
        try {
            String ts = poster.post(origin, ReportBlocks.announcementMessage(incident, pages.apply(incident.number())), null).getTs();
            announcements.remember(new Announcements.Announcement(incident.number(), origin, ts));
            return true;
        } catch (SlackCallException e) {
            log.info("Could not announce incident {} where it was started ({}); answering the command instead",
                    incident.number(), e.error());
            return false;
        }
    }

    /** Opens the incident in the channel where the command ran (its header joins the channel if need be). */
    public Incident openHere(Command.Start start, String channelId, String userId) {
        return openHere(declaration(start), channelId, userId);
    }

    /** Opens the declared incident in the channel where it was declared. */
    public Incident openHere(Declaration declaration, String channelId, String userId) {
        Incident incident = incidents.open(declaration, channelId, channelId, userId);
        opened.accept(incident);
        return incident;
    }

    /** Posts and pins the header message, joining a public channel first if needed. */
    public void postHeader(Incident incident) {
        SlackMessage header = IncidentHeader.of(incident, incidents.roleHolders(incident), null, zone,
                incidents.reactions());
        String ts;
        try {
            ts = poster.post(incident.channelId(), header, null).getTs();
        } catch (SlackCallException e) {
            if (!"not_in_channel".equals(e.error())) {
                throw e;
            }
            SlackCalls.require("conversations.join", () -> methods.conversationsJoin(r -> r.channel(incident.channelId())));
            ts = poster.post(incident.channelId(), header, null).getTs();
        }
        incidents.headerPosted(incident.number(), ts);
        String headerTs = ts;
        try {
            SlackCalls.require("pins.add", () -> methods.pinsAdd(r -> r.channel(incident.channelId()).timestamp(headerTs)));
        } catch (SlackCallException e) {
            // The header is there; an unpinned header is an inconvenience, not a reason to fail the start.
            log.warn("Could not pin the header of incident {}: {}", incident.number(), e.error());
        }
    }

    private Conversation createChannel(String title, boolean privateChannel) {
        LocalDate today = LocalDate.now(incidents.clock().withZone(zone));
        SlackCallException last = null;
        for (int attempt = 1; attempt <= NAME_ATTEMPTS; attempt++) {
            String name = ChannelNames.forIncident(today, title, attempt);
            try {
                return SlackCalls.require("conversations.create",
                        () -> methods.conversationsCreate(r -> r.name(name).isPrivate(privateChannel))).getChannel();
            } catch (SlackCallException e) {
                if (!"name_taken".equals(e.error())) {
                    throw e;
                }
                last = e;
            }
        }
        throw last;
    }

    private void invite(String channelId, String userId) {
        try {
            SlackCalls.require("conversations.invite", () -> methods.conversationsInvite(r -> r
                    .channel(channelId).users(java.util.List.of(userId))));
        } catch (SlackCallException e) {
            if (!"already_in_channel".equals(e.error())) {
                log.warn("Could not invite {} to {}: {}", userId, channelId, e.error());
            }
        }
    }
}
