package dev.scribe.export;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A standard Slack workspace export: {@code users.json}, {@code channels.json} (and {@code groups.json} for
 * private channels when the export has them) and one {@code YYYY-MM-DD.json} per channel and day.
 */
final class SlackExport {

    private static final Pattern DAY_FILE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}\\.json");

    /** {@code name} is what reports show (display name first); {@code handle} the account's user name. */
    record User(String id, String name, String handle) {
    }

    record Channel(String id, String name, String purpose) {
    }

    record Reaction(String name, List<String> users) {
    }

    /** A message as the export has it: its final text (edits applied), its reactions as they ended. */
    record Message(String ts, String threadTs, String user, String botId, String subtype, String text,
                   List<Reaction> reactions) {
    }

    private final ExportFiles files;
    private final Map<String, User> users;
    private final List<Channel> channels;

    private SlackExport(ExportFiles files, Map<String, User> users, List<Channel> channels) {
        this.files = files;
        this.users = users;
        this.channels = channels;
    }

    static SlackExport read(ExportFiles files) {
        JsonArray users = array(files, "users.json", true);
        JsonArray channels = array(files, "channels.json", true);
        JsonArray groups = array(files, "groups.json", false);
        Map<String, User> byId = new LinkedHashMap<>();
        for (JsonElement u : users) {
            JsonObject o = object(u, "users.json");
            String id = string(o, "id");
            if (id != null) {
                JsonObject profile = o.has("profile") && o.get("profile").isJsonObject() ? o.getAsJsonObject("profile") : new JsonObject();
                byId.put(id, new User(id, firstNonBlank(string(profile, "display_name"), string(profile, "real_name"),
                        string(o, "real_name"), string(o, "name"), id), firstNonBlank(string(o, "name"), id)));
            }
        }
        List<Channel> all = new ArrayList<>();
        for (JsonArray list : List.of(channels, groups)) {
            for (JsonElement c : list) {
                JsonObject o = object(c, "channels.json");
                String purpose = o.has("purpose") && o.get("purpose").isJsonObject() ? string(o.getAsJsonObject("purpose"), "value") : null;
                if (string(o, "name") != null) {
                    all.add(new Channel(string(o, "id"), string(o, "name"), purpose));
                }
            }
        }
        return new SlackExport(files, byId, all);
    }

    Map<String, User> users() {
        return users;
    }

    List<Channel> channels() {
        return channels;
    }

    Optional<Channel> channel(String name) {
        String wanted = name.startsWith("#") ? name.substring(1) : name;
        return channels.stream().filter(c -> c.name().equals(wanted)).findFirst();
    }

    /** Every message of the channel, day file by day file, in the order the export lists them. */
    List<Message> messages(Channel channel) {
        List<Message> out = new ArrayList<>();
        for (String day : files.list(channel.name())) {
            if (!DAY_FILE.matcher(day).matches()) {
                continue;
            }
            String path = channel.name() + "/" + day;
            JsonArray messages = parseArray(files.read(path).orElseThrow(), path);
            for (JsonElement m : messages) {
                JsonObject o = object(m, path);
                if (!"message".equals(string(o, "type"))) {
                    continue;
                }
                out.add(new Message(string(o, "ts"), string(o, "thread_ts"), string(o, "user"), string(o, "bot_id"),
                        string(o, "subtype"), string(o, "text"), reactions(o, path)));
            }
        }
        return out;
    }

    private static List<Reaction> reactions(JsonObject message, String path) {
        if (!message.has("reactions") || !message.get("reactions").isJsonArray()) {
            return List.of();
        }
        List<Reaction> out = new ArrayList<>();
        for (JsonElement r : message.getAsJsonArray("reactions")) {
            JsonObject o = object(r, path);
            List<String> who = new ArrayList<>();
            if (o.has("users") && o.get("users").isJsonArray()) {
                o.getAsJsonArray("users").forEach(u -> {
                    if (u.isJsonPrimitive()) {
                        who.add(u.getAsString());
                    }
                });
            }
            if (string(o, "name") != null) {
                out.add(new Reaction(string(o, "name"), List.copyOf(who)));
            }
        }
        return out;
    }

    private static JsonArray array(ExportFiles files, String path, boolean required) {
        Optional<String> text = files.read(path);
        if (text.isEmpty()) {
            if (required) {
                throw new ExportException("the export has no " + path + "; is this the top folder of a Slack export?");
            }
            return new JsonArray();
        }
        return parseArray(text.get(), path);
    }

    private static JsonArray parseArray(String text, String path) {
        try {
            JsonElement e = JsonParser.parseString(text);
            if (!e.isJsonArray()) {
                throw new ExportException(path + " is not a JSON list, as a Slack export has it");
            }
            return e.getAsJsonArray();
        } catch (JsonParseException e) {
            throw new ExportException(path + " is not valid JSON (" + firstLine(e.getMessage()) + ")", e);
        }
    }

    private static JsonObject object(JsonElement e, String path) {
        if (!e.isJsonObject()) {
            throw new ExportException(path + " holds something that is not an object where a record belongs");
        }
        return e.getAsJsonObject();
    }

    private static String string(JsonObject o, String field) {
        JsonElement e = o.get(field);
        return e != null && e.isJsonPrimitive() ? e.getAsString() : null;
    }

    private static String firstNonBlank(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return "";
    }

    private static String firstLine(String s) {
        return s == null ? "" : s.lines().findFirst().orElse("");
    }
}
