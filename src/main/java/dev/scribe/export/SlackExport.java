package dev.scribe.export;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.MalformedJsonException;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * A standard Slack workspace export: {@code users.json}, {@code channels.json} (and {@code groups.json} for
 * private channels when the export has them) and one {@code YYYY-MM-DD.json} per channel and day.
 *
 * <p>Every file is read as a stream, one record at a time, and only what the report uses is kept: of the
 * users, their id and the name reports show (a small part of a large workspace's users.json); of a channel's
 * messages, those the caller keeps.
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

    /**
     * A message as the export has it: its final text (edits applied), its reactions as they ended, and the
     * day file it came from.
     */
    record Message(String ts, String threadTs, String user, String botId, String subtype, String text,
                   List<Reaction> reactions, String file) {
    }

    private final ExportFiles files;
    private final Map<String, String> userNames;
    private final List<Channel> channels;

    private SlackExport(ExportFiles files, Map<String, String> userNames, List<Channel> channels) {
        this.files = files;
        this.userNames = userNames;
        this.channels = channels;
    }

    static SlackExport read(ExportFiles files) {
        List<Channel> channels = new ArrayList<>();
        Consumer<JsonObject> channel = o -> {
            String purpose = o.has("purpose") && o.get("purpose").isJsonObject() ? string(o.getAsJsonObject("purpose"), "value") : null;
            if (string(o, "name") != null) {
                channels.add(new Channel(string(o, "id"), string(o, "name"), purpose));
            }
        };
        // channels.json first: a missing one is the likelier mistake, and it is small.
        forEachObject(files, "channels.json", true, channel);
        forEachObject(files, "groups.json", false, channel);
        Map<String, String> names = new HashMap<>();
        forEachUser(files, user -> names.put(user.id(), user.name()));
        return new SlackExport(files, names, List.copyOf(channels));
    }

    /** The name reports show for a user id, if users.json has the user. */
    Optional<String> userName(String id) {
        return Optional.ofNullable(userNames.get(id));
    }

    /** The id of the first user whose id, display name or user name is {@code wanted}, ignoring case for names. */
    Optional<String> findUser(String wanted) {
        String[] found = new String[1];
        forEachUser(files, user -> {
            if (found[0] == null && (user.id().equals(wanted) || user.name().equalsIgnoreCase(wanted)
                    || user.handle().equalsIgnoreCase(wanted))) {
                found[0] = user.id();
            }
        });
        return Optional.ofNullable(found[0]);
    }

    List<Channel> channels() {
        return channels;
    }

    Optional<Channel> channel(String name) {
        String wanted = name.startsWith("#") ? name.substring(1) : name;
        return channels.stream().filter(c -> c.name().equals(wanted)).findFirst();
    }

    /** Hands every message of the channel to {@code each}, day file by day file, in the order the export lists them. */
    void forEachMessage(Channel channel, Consumer<Message> each) {
        for (String day : files.list(channel.name())) {
            if (!DAY_FILE.matcher(day).matches()) {
                continue;
            }
            String path = channel.name() + "/" + day;
            forEachObject(files, path, true, o -> {
                if ("message".equals(string(o, "type"))) {
                    each.accept(new Message(string(o, "ts"), string(o, "thread_ts"), string(o, "user"),
                            string(o, "bot_id"), string(o, "subtype"), string(o, "text"), reactions(o, path), path));
                }
            });
        }
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

    /**
     * Streams users.json one field at a time, skipping all but the id and the names: a user's record holds
     * dozens of fields (avatars, time zone, status) the report has no use for.
     */
    private static void forEachUser(ExportFiles files, Consumer<User> each) {
        String path = "users.json";
        forEachElement(files, path, true, reader -> {
            if (reader.peek() != JsonToken.BEGIN_OBJECT) {
                throw notAnObject(path);
            }
            String id = null;
            String name = null;
            String realName = null;
            String displayName = null;
            String profileRealName = null;
            reader.beginObject();
            while (reader.hasNext()) {
                switch (reader.nextName()) {
                    case "id" -> id = string(reader);
                    case "name" -> name = string(reader);
                    case "real_name" -> realName = string(reader);
                    case "profile" -> {
                        if (reader.peek() != JsonToken.BEGIN_OBJECT) {
                            reader.skipValue();
                            continue;
                        }
                        reader.beginObject();
                        while (reader.hasNext()) {
                            switch (reader.nextName()) {
                                case "display_name" -> displayName = string(reader);
                                case "real_name" -> profileRealName = string(reader);
                                default -> reader.skipValue();
                            }
                        }
                        reader.endObject();
                    }
                    default -> reader.skipValue();
                }
            }
            reader.endObject();
            if (id != null) {
                each.accept(new User(id, firstNonBlank(displayName, profileRealName, realName, name, id),
                        firstNonBlank(name, id)));
            }
        });
    }

    /** Hands each object of a file's top-level list to {@code each}, one at a time. */
    private static void forEachObject(ExportFiles files, String path, boolean required, Consumer<JsonObject> each) {
        forEachElement(files, path, required, reader -> {
            JsonElement e;
            try {
                e = JsonParser.parseReader(reader);
            } catch (JsonParseException ex) {
                if (ex.getCause() instanceof Error error) {
                    throw error;
                }
                throw ex.getCause() instanceof IOException io ? io : new MalformedJsonException(ex.getMessage());
            }
            each.accept(object(e, path));
        });
    }

    private interface ElementReader {
        void read(JsonReader reader) throws IOException;
    }

    /** Reads a file that must be one JSON list, calling {@code each} with the reader before each element. */
    private static void forEachElement(ExportFiles files, String path, boolean required, ElementReader each) {
        Optional<InputStream> in = files.open(path);
        if (in.isEmpty()) {
            if (required) {
                throw new ExportException(DAY_FILE.matcher(path.substring(path.lastIndexOf('/') + 1)).matches()
                        ? "cannot read " + path
                        : "the export has no " + path + "; is this the top folder of a Slack export?");
            }
            return;
        }
        try (JsonReader reader = new JsonReader(new InputStreamReader(in.get(), StandardCharsets.UTF_8))) {
            if (reader.peek() != JsonToken.BEGIN_ARRAY) {
                throw new ExportException(path + " is not a JSON list, as a Slack export has it");
            }
            reader.beginArray();
            while (reader.hasNext()) {
                each.read(reader);
            }
            reader.endArray();
            if (reader.peek() != JsonToken.END_DOCUMENT) {
                throw new MalformedJsonException("more after the list at " + reader.getPath());
            }
        } catch (MalformedJsonException | EOFException | IllegalStateException | NumberFormatException e) {
            throw new ExportException(path + " is not valid JSON (" + firstLine(e.getMessage()) + ")", e);
        } catch (IOException e) {
            throw new ExportException("cannot read " + path + " (" + firstLine(e.getMessage()) + ")", e);
        }
    }

    /** A string, number or boolean field as text; null for null, objects and lists (which are skipped). */
    private static String string(JsonReader reader) throws IOException {
        return switch (reader.peek()) {
            case STRING, NUMBER -> reader.nextString();
            case BOOLEAN -> Boolean.toString(reader.nextBoolean());
            default -> {
                reader.skipValue();
                yield null;
            }
        };
    }

    private static JsonObject object(JsonElement e, String path) {
        if (!e.isJsonObject()) {
            throw notAnObject(path);
        }
        return e.getAsJsonObject();
    }

    private static ExportException notAnObject(String path) {
        return new ExportException(path + " holds something that is not an object where a record belongs");
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
