package dev.scribe.web;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.scribe.report.KeyTimings;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Every incident of the insights' range with its key timings, for spreadsheets (CSV, RFC 4180) and scripts (JSON):
 * the same moments and durations the report shows, times in UTC (ISO 8601), durations in whole seconds, a moment or
 * duration nobody can tell left empty (null in JSON).
 */
final class InsightsExport {

    private static final List<String> MOMENTS = List.of("triggered", "detected", "acknowledged", "cause_identified",
            "mitigated", "resolved", "closed");
    private static final List<String> SPANS = List.of("time_to_detect_s", "time_to_acknowledge_s", "time_to_mitigate_s",
            "time_to_resolve_s", "duration_s");

    private final InsightsQuery query;
    private final List<InsightsRow> rows;

    InsightsExport(InsightsQuery query, List<InsightsRow> rows) {
        this.query = query;
        this.rows = List.copyOf(rows);
    }

    String csv() {
        StringBuilder out = new StringBuilder();
        List<String> header = new ArrayList<>(List.of("number", "title", "severity", "status", "started_at"));
        header.addAll(MOMENTS.stream().map(m -> m + "_at").toList());
        header.addAll(SPANS);
        line(out, header);
        for (InsightsRow r : rows) {
            List<String> cells = new ArrayList<>(List.of(String.valueOf(r.incident().number()),
                    r.incident().title(), r.incident().severity().label(), r.status(),
                    r.incident().startedAt().toString()));
            for (KeyTimings.Moment m : r.timings().moments()) {
                cells.add(m.at().map(Object::toString).orElse(""));
            }
            for (KeyTimings.Span s : r.timings().spans()) {
                cells.add(s.duration().map(d -> String.valueOf(d.toSeconds())).orElse(""));
            }
            line(out, cells);
        }
        return out.toString();
    }

    String json() {
        JsonObject root = new JsonObject();
        root.addProperty("from", query.from().toString());
        root.addProperty("to", query.to().toString());
        root.addProperty("by", query.grouping().name().toLowerCase(Locale.ROOT));
        JsonArray incidents = new JsonArray();
        for (InsightsRow r : rows) {
            JsonObject o = new JsonObject();
            o.addProperty("number", r.incident().number());
            o.addProperty("title", r.incident().title());
            o.addProperty("severity", r.incident().severity().label());
            o.addProperty("status", r.status());
            o.addProperty("started_at", r.incident().startedAt().toString());
            List<KeyTimings.Moment> moments = r.timings().moments();
            for (int i = 0; i < MOMENTS.size(); i++) {
                o.addProperty(MOMENTS.get(i) + "_at", moments.get(i).at().map(Object::toString).orElse(null));
            }
            List<KeyTimings.Span> spans = r.timings().spans();
            for (int i = 0; i < SPANS.size(); i++) {
                o.addProperty(SPANS.get(i), spans.get(i).duration().map(d -> d.toSeconds()).orElse(null));
            }
            incidents.add(o);
        }
        root.add("incidents", incidents);
        return new GsonBuilder().serializeNulls().disableHtmlEscaping().create().toJson(root);
    }

    private static void line(StringBuilder out, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(cell(cells.get(i)));
        }
        out.append("\r\n");
    }

    /**
     * A cell as a spreadsheet reads it as text: one starting with {@code = + - @} (or a tab or carriage return,
     * which some spreadsheets skip before a formula) gets a leading {@code '}, so an incident titled
     * {@code =HYPERLINK(...)} is not run as a formula; then RFC 4180 quoting.
     */
    static String cell(String value) {
        String text = value;
        if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
            text = "'" + text;
        }
        if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
            text = "\"" + text.replace("\"", "\"\"") + "\"";
        }
        return text;
    }
}
