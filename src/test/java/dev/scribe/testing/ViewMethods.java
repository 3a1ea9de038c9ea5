package dev.scribe.testing;

import static dev.scribe.testing.Json.obj;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.scribe.testing.FakeSlackApi.Errors;
import dev.scribe.testing.FakeWorkspace.ViewState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

/**
 * views.open, views.push, views.update and views.publish, with the rules Slack applies: a {@code trigger_id} is good
 * for {@link Triggers#LIFETIME} and one use; a view must keep Block Kit's view limits ({@link BlockKit#viewViolations});
 * views.publish needs a {@code user_id} of the workspace and a {@code home} view; an update with a stale
 * {@code hash} is refused with {@code hash_conflict}.
 */
final class ViewMethods implements WebApiMethods.Family {

    private final FakeWorkspace workspace;
    private final Supplier<Instant> clock;
    private long hashes;

    ViewMethods(FakeWorkspace workspace, Supplier<Instant> clock) {
        this.workspace = workspace;
        this.clock = clock;
    }

    @Override
    public void registerIn(WebApiMethods methods) {
        methods.register("views.open", p -> open("views.open", p))
                .register("views.push", p -> open("views.push", p))
                .register("views.update", this::update)
                .register("views.publish", this::publish);
    }

    private JsonObject open(String method, Params p) {
        String trigger = p.get("trigger_id");
        if (trigger == null) {
            throw refusal(Errors.INVALID_ARGUMENTS, "missing required field: trigger_id");
        }
        JsonObject view = view(p, "modal");
        Instant issued = Triggers.issuedInstant(trigger).orElseThrow(() -> SlackRefusal.of(Errors.INVALID_TRIGGER_ID));
        if (Duration.between(issued, clock.get()).compareTo(Triggers.LIFETIME) > 0) {
            throw SlackRefusal.of(Errors.EXPIRED_TRIGGER_ID);
        }
        if (!workspace.usedTriggers.add(trigger)) {
            throw SlackRefusal.of(Errors.INVALID_TRIGGER_ID);
        }
        ViewState state = new ViewState(workspace.nextViewId(), method, trigger, null,
                Json.stringOrNull(view, "external_id"), view, hash());
        workspace.views.put(state.id, state);
        return obj("view", answer(state));
    }

    private JsonObject update(Params p) {
        JsonObject view = view(p, "modal");
        String id = p.get("view_id");
        String external = p.get("external_id");
        if (id == null && external == null) {
            throw refusal(Errors.INVALID_ARGUMENTS, "must provide view_id or external_id");
        }
        ViewState state = workspace.views.values().stream()
                .filter(v -> id != null ? v.id.equals(id) : external.equals(v.externalId))
                .filter(v -> v.userId == null)
                .findFirst().orElseThrow(() -> SlackRefusal.of(Errors.NOT_FOUND));
        return obj("view", answer(replace(state, view, p.get("hash"))));
    }

    private JsonObject publish(Params p) {
        String user = p.get("user_id");
        if (user == null) {
            throw refusal(Errors.INVALID_ARGUMENTS, "missing required field: user_id");
        }
        JsonObject view = view(p, "home");
        if (!workspace.users.containsKey(user)) {
            throw SlackRefusal.of(Errors.USER_NOT_FOUND);
        }
        String existing = workspace.homeViewIds.get(user);
        if (existing != null) {
            return obj("view", answer(replace(workspace.views.get(existing), view, p.get("hash"))));
        }
        ViewState state = new ViewState(workspace.nextViewId(), "views.publish", null, user, null, view, hash());
        workspace.views.put(state.id, state);
        workspace.homeViewIds.put(user, state.id);
        return obj("view", answer(state));
    }

    private ViewState replace(ViewState state, JsonObject view, String hash) {
        if (hash != null && !hash.equals(state.hash)) {
            throw SlackRefusal.of(Errors.HASH_CONFLICT);
        }
        state.view = view;
        state.hash = hash();
        state.updates++;
        return state;
    }

    /** The {@code view} parameter, parsed and checked against Slack's rules for {@code type}. */
    private static JsonObject view(Params p, String type) {
        String raw = p.get("view");
        if (raw == null) {
            throw refusal(Errors.INVALID_ARGUMENTS, "missing required field: view");
        }
        JsonElement parsed;
        try {
            parsed = JsonParser.parseString(raw);
        } catch (JsonParseException e) {
            throw refusal(Errors.INVALID_ARGUMENTS, "failed to match all allowed schemas [json-pointer:/view]");
        }
        List<BlockKit.Violation> violations = BlockKit.viewViolations(parsed, type);
        if (!violations.isEmpty()) {
            String[] messages = violations.stream().map(BlockKit.Violation::slackMessage).toArray(String[]::new);
            throw new SlackRefusal(Errors.INVALID_ARGUMENTS, obj("response_metadata", obj("messages", Json.array(messages))));
        }
        return parsed.getAsJsonObject();
    }

    /** A new hash for a view's new version: Slack's are opaque, and change with every update. */
    private String hash() {
        return clock.get().getEpochSecond() + "." + Long.toHexString(++hashes);
    }

    private static JsonObject answer(ViewState state) {
        JsonObject view = state.view.deepCopy();
        view.addProperty("id", state.id);
        view.addProperty("team_id", FakeSlackApi.TEAM_ID);
        view.addProperty("hash", state.hash);
        view.addProperty("app_id", FakeSlackApi.APP_ID);
        view.addProperty("bot_id", FakeSlackApi.BOT_ID);
        return view;
    }

    private static SlackRefusal refusal(String error, String message) {
        return new SlackRefusal(error, obj("response_metadata", obj("messages", Json.array("[ERROR] " + message))));
    }
}
