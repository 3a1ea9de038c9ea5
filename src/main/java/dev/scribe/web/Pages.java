package dev.scribe.web;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheFactory;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The HTML pages: Mustache templates from {@code web/templates} in the jar, where {@code {{value}}} is always
 * HTML-escaped (no template uses the unescaped form), sent with headers that let no inline or foreign script run.
 */
public final class Pages {

    /**
     * Scripts and styles only from this server, as files: a message holding {@code <script>} that escaped the
     * templates would still not run. No frames, no forms posting elsewhere, no foreign images.
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    private final MustacheFactory factory = new DefaultMustacheFactory("web/templates");
    private final Map<String, Mustache> compiled = new ConcurrentHashMap<>();

    /** Renders {@code template} (without {@code .mustache}) with {@code model}. */
    String render(String template, Object model) {
        StringWriter out = new StringWriter();
        write(template, model, out);
        return out.toString();
    }

    private void write(String template, Object model, Writer out) {
        compiled.computeIfAbsent(template, t -> factory.compile(t + ".mustache")).execute(out, model);
    }

    /** Sends a page with the security headers. */
    void send(HttpServletResponse response, int status, String template, Object model) throws IOException {
        String html = render(template, model);
        secure(response);
        response.setStatus(status);
        response.setContentType("text/html;charset=utf-8");
        byte[] bytes = html.getBytes(StandardCharsets.UTF_8);
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }

    /** A page that explains a refusal or an error in one heading and a sentence, and shows no incident data. */
    void sendMessage(HttpServletResponse response, int status, String heading, String text) throws IOException {
        send(response, status, "message", Map.of("heading", heading, "text", text, "status", status,
                "pageTitle", heading + " · Incident Scribe"));
    }

    /** Headers every answer of the pages carries; nothing is cached, as every page holds incident data. */
    static void secure(HttpServletResponse response) {
        response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        response.setHeader("X-Content-Type-Options", "nosniff");
        // No address (a sign-in token, an incident number) leaves for another site; same-origin rather than
        // no-referrer, because under no-referrer browsers send "Origin: null" with a form, which the sign-in refuses.
        response.setHeader("Referrer-Policy", "same-origin");
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("Cache-Control", "no-store");
    }
}
