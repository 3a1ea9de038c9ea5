package dev.scribe.web;

import java.net.URI;
import java.util.Optional;

/**
 * What {@code /incident web} answers its caller: a personal sign-in link to the incident pages, or why there is
 * none. Slack mrkdwn; the link's token is URL-safe Base64, so it needs no escaping inside {@code <url|label>}.
 */
public final class SignInLinks {

    /** Where a link leads: {@link SignInServlet} there shows the sign-in button. */
    public static final String PATH = "/signin";

    static final String NO_PUBLIC_URL = "The incident pages are served, but I hand out no links until "
            + "`SCRIBE_PUBLIC_URL` is set: set it to the address people's browsers use for the bot (for example "
            + "`https://scribe.example.com`, or `http://localhost:3000` on a laptop) and restart me.";
    static final String OTHER_WORKSPACE = "Sign-in links are only for members of the workspace that installed "
            + "Incident Scribe.";

    private final Optional<URI> publicUrl;
    private final String installingTeamId;
    private final SignIns signIns;

    /**
     * @param publicUrl        {@code SCRIBE_PUBLIC_URL}, without a trailing slash; empty: no links
     * @param installingTeamId the workspace the bot's token belongs to ({@code auth.test}); null when unknown
     */
    public SignInLinks(Optional<URI> publicUrl, String installingTeamId, SignIns signIns) {
        this.publicUrl = publicUrl;
        this.installingTeamId = installingTeamId;
        this.signIns = signIns;
    }

    /** The reply to {@code userId} of workspace {@code teamId}; each call makes a new link. */
    public String replyTo(String userId, String teamId) {
        return newLink(userId, teamId).map(link -> ":closed_lock_with_key: <" + link + "|Open the incident pages>: your "
                + "personal sign-in link. It works once, for " + SignIns.LINK_LIFETIME.toMinutes() + " minutes; don't "
                + "share it, it signs in as you.").orElseGet(() -> refusal(teamId));
    }

    /** True when links are handed out at all ({@code SCRIBE_PUBLIC_URL} is set). */
    public boolean handsOutLinks() {
        return publicUrl.isPresent();
    }

    /** A new personal link for {@code userId}, working once for {@link SignIns#LINK_LIFETIME}; empty: see {@link #refusal}. */
    public Optional<String> newLink(String userId, String teamId) {
        if (publicUrl.isEmpty() || installingTeamId == null || !installingTeamId.equals(teamId)) {
            return Optional.empty();
        }
        return Optional.of(publicUrl.get() + PATH + "?token=" + signIns.issueLink(new Viewer(userId, teamId)));
    }

    /** Why {@link #newLink} makes no link for someone of workspace {@code teamId} (Slack mrkdwn). */
    public String refusal(String teamId) {
        return publicUrl.isEmpty() ? NO_PUBLIC_URL : OTHER_WORKSPACE;
    }

    /**
     * The address of an incident's page, for links in Slack messages; empty without {@code SCRIBE_PUBLIC_URL} (the
     * page itself asks for sign-in when needed).
     */
    public Optional<String> incidentPage(int number) {
        return incidentPage(publicUrl, number);
    }

    /** As {@link #incidentPage(int)}, from {@code SCRIBE_PUBLIC_URL} (without a trailing slash) itself. */
    public static Optional<String> incidentPage(Optional<URI> publicUrl, int number) {
        return publicUrl.map(base -> base + IncidentPagesServlet.LIST_PATH + "/" + number);
    }
}
