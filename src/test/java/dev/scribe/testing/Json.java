package dev.scribe.testing;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;

/** The few JSON shapes the fake builds and reads, in one place. */
final class Json {

    private Json() {
    }

    /** Builds a JSON object from key/value pairs; null values are left out. */
    static JsonObject obj(Object... keyValues) {
        JsonObject o = new JsonObject();
        for (int i = 0; i < keyValues.length; i += 2) {
            String key = (String) keyValues[i];
            Object v = keyValues[i + 1];
            if (v instanceof JsonElement e) {
                o.add(key, e);
            } else if (v instanceof String s) {
                o.addProperty(key, s);
            } else if (v instanceof Number n) {
                o.addProperty(key, n);
            } else if (v instanceof Boolean b) {
                o.addProperty(key, b);
            } else if (v != null) {
                throw new IllegalArgumentException(key + ": " + v.getClass());
            }
        }
        return o;
    }

    static JsonObject merge(JsonObject into, JsonObject from) {
        from.entrySet().forEach(e -> into.add(e.getKey(), e.getValue()));
        return into;
    }

    static JsonArray array(String... values) {
        JsonArray a = new JsonArray();
        for (String v : values) {
            a.add(new JsonPrimitive(v));
        }
        return a;
    }

    /** The string under {@code key}, or null when it is missing or not a string. */
    static String stringOrNull(JsonObject o, String key) {
        JsonElement e = o.get(key);
        return e != null && e.isJsonPrimitive() && e.getAsJsonPrimitive().isString() ? e.getAsString() : null;
    }
}
