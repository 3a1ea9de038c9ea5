package dev.scribe.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Set;

/** {@code /static/*}: the pages' stylesheet and script, from the jar; nothing is ever fetched from elsewhere. */
final class StaticServlet extends PageServlet {

    static final String PATH = "/static";
    private static final Map<String, String> FILES = Map.of(
            "/scribe.css", "text/css;charset=utf-8",
            "/scribe.js", "text/javascript;charset=utf-8");

    private final Map<String, byte[]> contents;

    StaticServlet(Pages pages) {
        super(pages, Set.of("GET", "HEAD"));
        contents = Map.of("/scribe.css", read("/scribe.css"), "/scribe.js", read("/scribe.js"));
    }

    @Override
    protected void handle(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getPathInfo();
        byte[] bytes = path == null ? null : contents.get(path);
        if (bytes == null) {
            pages.sendMessage(response, 404, "No such file", "Incident Scribe serves only its stylesheet and script here.");
            return;
        }
        Pages.secure(response);
        response.setHeader("Cache-Control", "public, max-age=3600");
        response.setContentType(FILES.get(path));
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }

    private static byte[] read(String name) {
        try (InputStream in = StaticServlet.class.getResourceAsStream("/web/static" + name)) {
            if (in == null) {
                throw new IllegalStateException("the jar lacks web/static" + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
