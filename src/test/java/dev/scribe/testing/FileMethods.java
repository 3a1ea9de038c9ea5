package dev.scribe.testing;

import static dev.scribe.testing.FakeSlackApi.BOT_USER_ID;
import static dev.scribe.testing.FakeSlackApi.TEAM_ID;
import static dev.scribe.testing.Json.obj;
import static dev.scribe.testing.Json.stringOrNull;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.scribe.testing.FakeSlackApi.Errors;
import dev.scribe.testing.FakeSlackApi.UploadedFile;
import dev.scribe.testing.FakeWorkspace.ChannelState;
import dev.scribe.testing.FakeWorkspace.FileState;
import dev.scribe.testing.FakeWorkspace.Share;
import dev.scribe.testing.FakeWorkspace.StoredMessage;
import java.util.ArrayList;
import java.util.List;

/**
 * The v2 upload of the RCA file, as the SDK's filesUploadV2 does it: files.getUploadURLExternal, the bytes to the
 * upload_url (served by {@link FakeSlackApi}), files.completeUploadExternal; and files.info, whose shares tell
 * the outbox the file reached its channel.
 */
final class FileMethods implements WebApiMethods.Family {

    private final FakeWorkspace workspace;
    private final String uploadUrlPrefix;

    /** {@code uploadUrlPrefix} is where the fake takes the bytes: the file id is appended. */
    FileMethods(FakeWorkspace workspace, String uploadUrlPrefix) {
        this.workspace = workspace;
        this.uploadUrlPrefix = uploadUrlPrefix;
    }

    @Override
    public void registerIn(WebApiMethods methods) {
        methods.register("files.getUploadURLExternal", this::getUploadUrlExternal)
                .register("files.completeUploadExternal", this::completeUploadExternal)
                .register("files.info", this::info);
    }

    private JsonObject getUploadUrlExternal(Params p) {
        String filename = p.get("filename");
        String length = p.get("length");
        long bytes;
        try {
            bytes = length == null ? -1 : Long.parseLong(length.strip());
        } catch (NumberFormatException e) {
            bytes = -1;
        }
        if (filename == null || filename.isBlank() || bytes < 0) {
            throw SlackRefusal.of(Errors.INVALID_ARGUMENTS);
        }
        FileState file = workspace.newFile(filename, bytes);
        return obj("upload_url", uploadUrlPrefix + file.id, "file_id", file.id);
    }

    private JsonObject completeUploadExternal(Params p) {
        List<FileState> completing = new ArrayList<>();
        List<String> titles = new ArrayList<>();
        for (JsonElement e : fileList(p.get("files"))) {
            JsonObject f = e.getAsJsonObject();
            FileState file = workspace.files.get(stringOrNull(f, "id"));
            // Slack completes an upload once, and only after its bytes arrived.
            if (file == null || file.content == null || file.completed || completing.contains(file)) {
                throw SlackRefusal.of(Errors.FILE_NOT_FOUND);
            }
            completing.add(file);
            titles.add(stringOrNull(f, "title"));
        }
        List<ChannelState> targets = new ArrayList<>();
        String channelIds = p.get("channel_id") != null ? p.get("channel_id") : p.get("channels");
        if (channelIds != null) {
            for (String id : channelIds.split(",")) {
                targets.add(workspace.writableChannel(id.strip()));
            }
        }
        String threadTs = p.get("thread_ts");
        if (threadTs != null && targets.size() == 1) {
            // Documented: a parent's ts, never a reply's. The error name for a bad one is this fake's choice.
            StoredMessage parent = targets.get(0).message(threadTs).orElse(null);
            if (parent == null || parent.threadTs != null) {
                throw SlackRefusal.of(Errors.THREAD_NOT_FOUND);
            }
        }
        String comment = p.get("initial_comment");
        JsonArray out = new JsonArray();
        for (int i = 0; i < completing.size(); i++) {
            FileState file = completing.get(i);
            file.completed = true;
            file.title = titles.get(i) != null ? titles.get(i) : file.filename;
            for (ChannelState ch : targets) {
                file.shares.add(new Share(ch.id, workspace.nextTs(), threadTs, ch.isPrivate));
                workspace.uploaded.add(new UploadedFile(file.id, file.filename, file.title, ch.id, threadTs, comment,
                        file.content));
            }
            if (targets.isEmpty()) {
                workspace.uploaded.add(new UploadedFile(file.id, file.filename, file.title, null, null, comment, file.content));
            }
            out.add(obj("id", file.id, "title", file.title, "name", file.filename, "size", file.content.length));
        }
        return obj("files", out);
    }

    private static JsonArray fileList(String json) {
        try {
            JsonElement e = json == null ? null : JsonParser.parseString(json);
            if (e != null && e.isJsonArray() && !e.getAsJsonArray().isEmpty()) {
                JsonArray list = e.getAsJsonArray();
                boolean wellFormed = true;
                for (JsonElement f : list) {
                    wellFormed &= f.isJsonObject() && stringOrNull(f.getAsJsonObject(), "id") != null;
                }
                if (wellFormed) {
                    return list;
                }
            }
        } catch (JsonParseException ignored) {
            // falls through to the refusal
        }
        throw SlackRefusal.of(Errors.INVALID_ARGUMENTS);
    }

    /** A completed file; Slack creates the file object on completion, so an uncompleted one is file_not_found. */
    private JsonObject info(Params p) {
        FileState file = p.get("file") == null ? null : workspace.files.get(p.get("file"));
        if (file == null || !file.completed) {
            throw SlackRefusal.of(Errors.FILE_NOT_FOUND);
        }
        JsonArray publicChannels = new JsonArray();
        JsonArray privateChannels = new JsonArray();
        JsonObject publicShares = new JsonObject();
        JsonObject privateShares = new JsonObject();
        for (Share s : file.shares) {
            (s.isPrivate() ? privateChannels : publicChannels).add(s.channel());
            JsonObject detail = obj("ts", s.ts(), "thread_ts", s.threadTs(),
                    "channel_name", workspace.channels.get(s.channel()).name, "team_id", TEAM_ID,
                    "share_user_id", BOT_USER_ID);
            JsonObject shares = s.isPrivate() ? privateShares : publicShares;
            if (!shares.has(s.channel())) {
                shares.add(s.channel(), new JsonArray());
            }
            shares.getAsJsonArray(s.channel()).add(detail);
        }
        JsonObject shares = new JsonObject();
        if (!publicShares.isEmpty()) {
            shares.add("public", publicShares);
        }
        if (!privateShares.isEmpty()) {
            shares.add("private", privateShares);
        }
        return obj("file", obj("id", file.id, "created", file.created, "name", file.filename, "title", file.title,
                "user", BOT_USER_ID, "size", file.content.length, "channels", publicChannels, "groups", privateChannels,
                "ims", new JsonArray(), "shares", shares));
    }
}
