package dev.scribe.slack;

import com.slack.api.methods.MethodsClient;
import com.slack.api.model.User;
import dev.scribe.incident.AddedMessage;
import dev.scribe.incident.IncidentRecord;
import dev.scribe.incident.TimelineEntry;
import dev.scribe.report.Directory;
import dev.scribe.report.SlackMarkup;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Looks up display names and time zones ({@code users.info}, cached for the life of the process) and the workspace's
 * address for permalinks, and hands the compiler a {@link Directory} that needs no more I/O.
 */
public final class WorkspaceDirectory {

    private static final Logger log = LoggerFactory.getLogger(WorkspaceDirectory.class);

    private final MethodsClient methods;
    private final Map<String, String> userNames = new ConcurrentHashMap<>();
    /** Each person's Slack time zone, learnt with their name; empty when Slack gives none this JVM knows. */
    private final Map<String, Optional<ZoneId>> timeZones = new ConcurrentHashMap<>();
    private final Map<String, String> channelNames = new ConcurrentHashMap<>();
    private volatile String workspaceUrl;

    public WorkspaceDirectory(MethodsClient methods) {
        this.methods = methods;
    }

    /** A directory holding every name the incident's report can need. */
    public Directory forIncident(IncidentRecord record) {
        Set<String> users = new LinkedHashSet<>();
        if (record.incident().commanderId() != null) {
            users.add(record.incident().commanderId());
        }
        record.roles().holders().forEach(h -> h.userId().ifPresent(users::add));
        record.messages().forEach(m -> {
            users.add(m.authorId());
            users.addAll(SlackMarkup.mentionedUsers(m.text()));
        });
        for (TimelineEntry e : record.entries()) {
            if (e.authorId() != null) {
                users.add(e.authorId());
            }
            users.addAll(SlackMarkup.mentionedUsers(e.text()));
        }
        for (AddedMessage added : record.added()) {
            users.add(added.authorId());
            users.add(added.addedBy());
            users.addAll(SlackMarkup.mentionedUsers(added.text()));
        }
        Map<String, String> names = new ConcurrentHashMap<>();
        users.forEach(id -> names.put(id, userName(id)));
        String base = workspaceUrl();
        Map<String, String> channels = Map.copyOf(channelNames);
        return new Directory() {
            @Override
            public String userName(String userId) {
                return names.getOrDefault(userId, userId);
            }

            @Override
            public String channelName(String channelId) {
                return channels.getOrDefault(channelId, channelId);
            }

            @Override
            public Optional<String> permalink(String channelId, String ts, String threadTs) {
                if (base == null) {
                    return Optional.empty();
                }
                String link = base + "archives/" + channelId + "/p" + ts.replace(".", "");
                if (threadTs != null && !threadTs.equals(ts)) {
                    link += "?thread_ts=" + threadTs + "&cid=" + channelId;
                }
                return Optional.of(link);
            }
        };
    }

    /** Remembers a channel's name (learnt when it was created) for {@code #name} links. */
    public void rememberChannel(String channelId, String name) {
        channelNames.put(channelId, name);
    }

    /** The name to show for a user: display name, else real name, else user name, else the id. */
    public String userName(String userId) {
        if (!SlackIds.isValid(userId)) {
            // A mention with something else inside (<@UFAKE\n...>) is text, not a person: not sent to Slack, not
            // logged (it could forge a log line), shown as it is.
            return userId;
        }
        String cached = userNames.get(userId);
        if (cached != null) {
            return cached;
        }
        return lookUp(userId) ? userNames.get(userId) : userId;
    }

    /**
     * The user's own time zone as set in Slack ({@code users.info}'s {@code tz}), cached like the name. Empty when
     * Slack gives none, one this JVM does not know, or cannot be asked right now (then asked again next time).
     */
    public Optional<ZoneId> timeZone(String userId) {
        if (!SlackIds.isValid(userId)) {
            return Optional.empty();
        }
        Optional<ZoneId> cached = timeZones.get(userId);
        if (cached != null) {
            return cached;
        }
        return lookUp(userId) ? timeZones.get(userId) : Optional.empty();
    }

    /**
     * As {@link #timeZone(String)}, waiting at most {@code wait} for Slack (on {@code executor}) when the zone is not
     * cached yet: a command must be answered within Slack's 3 seconds. A lookup that takes longer still fills the
     * cache when it ends, for the next command.
     */
    public Optional<ZoneId> timeZone(String userId, Executor executor, Duration wait) {
        Optional<ZoneId> cached = timeZones.get(userId);
        if (cached != null) {
            return cached;
        }
        try {
            return CompletableFuture.supplyAsync(() -> timeZone(userId), executor)
                    .get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException | RejectedExecutionException e) {
            log.warn("No time zone for user {} within {} ms", userId, wait.toMillis());
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** Asks Slack about a user and caches what it says; false (nothing cached) when Slack could not be asked. */
    private boolean lookUp(String userId) {
        try {
            User user = SlackCalls.require("users.info", () -> methods.usersInfo(r -> r.user(userId))).getUser();
            String name = firstNonBlank(
                    user.getProfile() == null ? null : user.getProfile().getDisplayName(),
                    user.getProfile() == null ? null : user.getProfile().getRealName(),
                    user.getRealName(), user.getName(), userId);
            timeZones.put(userId, zoneOf(user.getTz()));
            userNames.put(userId, name);
            return true;
        } catch (SlackCallException e) {
            // A report with an id instead of a name is still a report; do not cache, try again next time.
            log.warn("Could not look up user {}: {}", userId, e.error());
            return false;
        }
    }

    private static Optional<ZoneId> zoneOf(String tz) {
        if (tz == null || tz.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(ZoneId.of(tz));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    private String workspaceUrl() {
        if (workspaceUrl == null) {
            try {
                String url = SlackCalls.require("auth.test", () -> methods.authTest(r -> r)).getUrl();
                if (url != null && !url.isBlank()) {
                    workspaceUrl = url.endsWith("/") ? url : url + "/";
                }
            } catch (SlackCallException e) {
                log.warn("Could not learn the workspace address for permalinks: {}", e.error());
            }
        }
        return workspaceUrl;
    }

    private static String firstNonBlank(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return "";
    }
}
