package dev.scribe.testing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A strict parser of Prometheus' text exposition format (version 0.0.4), for tests: no library on Maven Central
 * parses it (the Prometheus Java client only writes it). Anything the format does not allow is an
 * {@link IllegalArgumentException} naming the line: a sample of a family with no {@code # TYPE} before it, a
 * family typed twice, a bad metric or label name, a bad escape, an unquoted value, a repeated label, a value that
 * is no number, text after the timestamp.
 */
public final class PrometheusText {

    private static final Pattern METRIC_NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
    private static final Set<String> TYPES = Set.of("counter", "gauge", "histogram", "summary", "untyped");
    private static final List<String> SUFFIXES = List.of("_bucket", "_count", "_sum", "_total", "_created");

    /** One sample: its metric name, labels and value. */
    public record Sample(String name, Map<String, String> labels, double value) {
    }

    private final Map<String, String> types;
    private final List<Sample> samples;

    private PrometheusText(Map<String, String> types, List<Sample> samples) {
        this.types = types;
        this.samples = samples;
    }

    /** Parses a whole exposition, or throws saying which line breaks the format. */
    public static PrometheusText parse(String text) {
        if (!text.isEmpty() && !text.endsWith("\n")) {
            throw new IllegalArgumentException("the exposition must end with a line feed");
        }
        Map<String, String> types = new LinkedHashMap<>();
        Map<String, String> help = new HashMap<>();
        List<Sample> samples = new ArrayList<>();
        Set<String> seen = new java.util.HashSet<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length - 1; i++) {
            String line = lines[i];
            String where = "line " + (i + 1) + " '" + line + "'";
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith("#")) {
                String[] parts = line.split(" ", 4);
                if (parts.length >= 3 && parts[1].equals("TYPE")) {
                    if (parts.length != 4 || !METRIC_NAME.matcher(parts[2]).matches() || !TYPES.contains(parts[3])) {
                        throw new IllegalArgumentException("malformed TYPE at " + where);
                    }
                    if (types.putIfAbsent(parts[2], parts[3]) != null) {
                        throw new IllegalArgumentException("second TYPE for " + parts[2] + " at " + where);
                    }
                } else if (parts.length >= 3 && parts[1].equals("HELP")) {
                    if (!METRIC_NAME.matcher(parts[2]).matches() || help.put(parts[2], parts.length == 4 ? parts[3] : "") != null) {
                        throw new IllegalArgumentException("malformed or repeated HELP at " + where);
                    }
                }
                continue; // any other comment is allowed
            }
            Sample sample = sample(line, where);
            String family = family(sample.name(), types);
            if (family == null) {
                throw new IllegalArgumentException("no TYPE before the sample at " + where);
            }
            if (!seen.add(sample.name() + new TreeMap<>(sample.labels()))) {
                throw new IllegalArgumentException("repeated sample at " + where);
            }
            samples.add(sample);
        }
        return new PrometheusText(types, samples);
    }

    /** The type declared for a family ({@code counter}, {@code histogram} ...). */
    public Optional<String> type(String family) {
        return Optional.ofNullable(types.get(family));
    }

    /** The value of the one sample with this name and exactly these labels; fails when there is none. */
    public double value(String name, Map<String, String> labels) {
        return find(name, labels).orElseThrow(() -> new AssertionError("no sample " + name + labels + " in " + samples))
                .value();
    }

    /** The value of the one sample with this name and no labels. */
    public double value(String name) {
        return value(name, Map.of());
    }

    public Optional<Sample> find(String name, Map<String, String> labels) {
        return samples.stream().filter(s -> s.name().equals(name) && s.labels().equals(labels)).findFirst();
    }

    public List<Sample> samples() {
        return List.copyOf(samples);
    }

    private static String family(String name, Map<String, String> types) {
        if (types.containsKey(name)) {
            return name;
        }
        for (String suffix : SUFFIXES) {
            if (name.endsWith(suffix) && types.containsKey(name.substring(0, name.length() - suffix.length()))) {
                return name.substring(0, name.length() - suffix.length());
            }
        }
        return null;
    }

    private static Sample sample(String line, String where) {
        int i = 0;
        while (i < line.length() && line.charAt(i) != '{' && line.charAt(i) != ' ') {
            i++;
        }
        String name = line.substring(0, i);
        if (!METRIC_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("bad metric name at " + where);
        }
        Map<String, String> labels = new LinkedHashMap<>();
        if (i < line.length() && line.charAt(i) == '{') {
            i++;
            while (true) {
                if (i >= line.length()) {
                    throw new IllegalArgumentException("unclosed labels at " + where);
                }
                if (line.charAt(i) == '}') {
                    i++;
                    break;
                }
                int eq = line.indexOf('=', i);
                if (eq < 0) {
                    throw new IllegalArgumentException("label without '=' at " + where);
                }
                String label = line.substring(i, eq);
                if (!LABEL_NAME.matcher(label).matches()) {
                    throw new IllegalArgumentException("bad label name '" + label + "' at " + where);
                }
                if (eq + 1 >= line.length() || line.charAt(eq + 1) != '"') {
                    throw new IllegalArgumentException("unquoted label value at " + where);
                }
                StringBuilder value = new StringBuilder();
                int j = eq + 2;
                while (true) {
                    if (j >= line.length()) {
                        throw new IllegalArgumentException("unclosed label value at " + where);
                    }
                    char c = line.charAt(j);
                    if (c == '"') {
                        break;
                    }
                    if (c == '\\') {
                        char next = j + 1 < line.length() ? line.charAt(j + 1) : 0;
                        switch (next) {
                            case '\\' -> value.append('\\');
                            case '"' -> value.append('"');
                            case 'n' -> value.append('\n');
                            default -> throw new IllegalArgumentException("bad escape in a label value at " + where);
                        }
                        j += 2;
                    } else {
                        value.append(c);
                        j++;
                    }
                }
                if (labels.put(label, value.toString()) != null) {
                    throw new IllegalArgumentException("repeated label " + label + " at " + where);
                }
                i = j + 1;
                if (i < line.length() && line.charAt(i) == ',') {
                    i++;
                } else if (i >= line.length() || line.charAt(i) != '}') {
                    throw new IllegalArgumentException("expected ',' or '}' at " + where);
                }
            }
        }
        if (i >= line.length() || line.charAt(i) != ' ') {
            throw new IllegalArgumentException("no value at " + where);
        }
        String[] rest = line.substring(i + 1).split(" ", -1);
        if (rest.length > 2) {
            throw new IllegalArgumentException("text after the timestamp at " + where);
        }
        if (rest.length == 2) {
            try {
                Long.parseLong(rest[1]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("bad timestamp at " + where);
            }
        }
        return new Sample(name, Map.copyOf(labels), number(rest[0], where));
    }

    private static double number(String text, String where) {
        switch (text) {
            case "NaN":
                return Double.NaN;
            case "+Inf":
                return Double.POSITIVE_INFINITY;
            case "-Inf":
                return Double.NEGATIVE_INFINITY;
            default:
                if (!text.matches("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?")) {
                    throw new IllegalArgumentException("value '" + text + "' is no number at " + where);
                }
                return Double.parseDouble(text);
        }
    }
}
