package dev.scribe.web;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Optional;

/** The session cookie of the incident pages. */
final class Cookies {

    static final String SESSION = "scribe_session";

    private Cookies() {
    }

    /** The session cookie's value, if the browser sent one. */
    static Optional<String> session(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return Optional.empty();
        }
        for (Cookie cookie : cookies) {
            if (SESSION.equals(cookie.getName())) {
                return Optional.of(cookie.getValue());
            }
        }
        return Optional.empty();
    }

    /**
     * Sets the session cookie: HttpOnly (no script reads it), SameSite=Lax (not sent with another site's POST),
     * Secure when the pages are reached over https, and gone when the session ends.
     */
    static void setSession(HttpServletResponse response, String value, boolean secure) {
        response.addHeader("Set-Cookie", SESSION + "=" + value + "; Path=/; Max-Age="
                + SignIns.SESSION_LIFETIME.toSeconds() + "; HttpOnly; SameSite=Lax" + (secure ? "; Secure" : ""));
    }
}
