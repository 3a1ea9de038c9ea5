package dev.scribe.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code /signin}: GET shows a sign-in button for a live link, POST uses the link up and opens the session. Two
 * steps, because link previews and mail scanners fetch links with GET: they must not spend a one-use link.
 * A link that does not work gets a page saying how to get a new one, and no incident data.
 */
final class SignInServlet extends PageServlet {

    static final String HOW_TO_GET_ONE = "Type /incident web in Slack for a new personal link.";

    private final SignIns signIns;
    private final Optional<URI> publicUrl;

    SignInServlet(SignIns signIns, Pages pages, Optional<URI> publicUrl) {
        super(pages, Set.of("GET", "POST"));
        this.signIns = signIns;
        this.publicUrl = publicUrl;
    }

    @Override
    protected void handle(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (request.getMethod().equals("GET")) {
            show(request, response);
        } else {
            signIn(request, response);
        }
    }

    private void show(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String token = request.getParameter("token");
        Optional<SignIns.Refusal> refusal = signIns.check(token);
        if (refusal.isPresent()) {
            refuse(response, refusal.get());
            return;
        }
        pages.send(response, 200, "signin", Map.of("token", token, "pageTitle", "Sign in · Incident Scribe"));
    }

    private void signIn(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!sameOrigin(request)) {
            pages.sendMessage(response, 403, "Sign-in refused",
                    "This sign-in came from another site. " + HOW_TO_GET_ONE);
            return;
        }
        String token = request.getParameter("token");
        Optional<Viewer> owner = signIns.linkOwner(token);
        Optional<Viewer> current = Cookies.session(request).flatMap(signIns::viewer);
        if (owner.isPresent() && current.isPresent() && !current.get().equals(owner.get())) {
            // Someone else's link opened in a browser already signed in: never switch people silently.
            pages.sendMessage(response, 403, "This link is someone else's",
                    "This browser is signed in as another Slack user, and the link was made for someone else. "
                            + "Sign-in links are personal. " + HOW_TO_GET_ONE);
            return;
        }
        SignIns.Redemption redemption = signIns.redeem(token);
        if (redemption instanceof SignIns.Redemption.Opened opened) {
            Cookies.setSession(response, opened.cookieValue(), secure(request));
            Pages.secure(response);
            response.setStatus(303);
            response.setHeader("Location", "/incidents");
            return;
        }
        refuse(response, ((SignIns.Redemption.Refused) redemption).why());
    }

    private void refuse(HttpServletResponse response, SignIns.Refusal why) throws IOException {
        switch (why) {
            case USED -> pages.sendMessage(response, 410, "This sign-in link was used already",
                    "Each link works once. " + HOW_TO_GET_ONE);
            case EXPIRED -> pages.sendMessage(response, 410, "This sign-in link has expired",
                    "Links work for " + SignIns.LINK_LIFETIME.toMinutes() + " minutes. " + HOW_TO_GET_ONE);
            case NOT_VALID -> pages.sendMessage(response, 404, "This sign-in link is not valid",
                    "It may have been cut short or changed when it was copied. " + HOW_TO_GET_ONE);
        }
    }

    /** Secure cookies when the public address is https (TLS usually ends at a proxy in front of the bot). */
    private boolean secure(HttpServletRequest request) {
        return publicUrl.map(u -> u.getScheme().equalsIgnoreCase("https")).orElse(request.isSecure());
    }

    /** A browser names the page a form was sent from; a sign-in posted from another site is refused. */
    private boolean sameOrigin(HttpServletRequest request) {
        String origin = request.getHeader("Origin");
        if (origin == null || origin.equals("null")) {
            return origin == null;
        }
        String ownHost = request.getScheme() + "://" + request.getHeader("Host");
        return origin.equalsIgnoreCase(ownHost)
                || publicUrl.map(u -> origin.equalsIgnoreCase(u.getScheme() + "://" + u.getRawAuthority())).orElse(false);
    }
}
