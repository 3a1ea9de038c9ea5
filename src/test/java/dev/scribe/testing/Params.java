package dev.scribe.testing;

import java.util.Map;

/** The parameters of one Web API call; an empty value counts as absent, as it does for Slack. */
final class Params {

    private final Map<String, String> map;

    Params(Map<String, String> map) {
        this.map = map;
    }

    String get(String name) {
        String v = map.get(name);
        return v == null || v.isEmpty() ? null : v;
    }

    /** Whether the parameter was sent at all, even empty (chat.update tells "no blocks" from "blocks=[]"). */
    boolean has(String name) {
        return map.containsKey(name);
    }

    /** The value as sent, empty or not. */
    String raw(String name) {
        return map.get(name);
    }

    boolean flag(String name) {
        String v = get(name);
        return "1".equals(v) || "true".equalsIgnoreCase(v);
    }

    int intValue(String name, int dflt, int max) {
        try {
            String v = get(name);
            int n = v == null ? dflt : Integer.parseInt(v.strip());
            return n <= 0 ? dflt : Math.min(n, max);
        } catch (NumberFormatException e) {
            return dflt;
        }
    }
}
