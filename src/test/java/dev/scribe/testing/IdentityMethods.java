package dev.scribe.testing;

import static dev.scribe.testing.FakeSlackApi.APP_ID;
import static dev.scribe.testing.FakeSlackApi.BOT_ID;
import static dev.scribe.testing.FakeSlackApi.BOT_NAME;
import static dev.scribe.testing.FakeSlackApi.BOT_USER_ID;
import static dev.scribe.testing.FakeSlackApi.TEAM_ID;
import static dev.scribe.testing.FakeSlackApi.TEAM_NAME;
import static dev.scribe.testing.FakeSlackApi.WORKSPACE_URL;
import static dev.scribe.testing.Json.obj;

import com.google.gson.JsonObject;
import dev.scribe.testing.FakeSlackApi.Errors;
import dev.scribe.testing.FakeWorkspace.UserState;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** auth.test (the start-up token check), bots.info (Bolt's IgnoringSelfEvents) and users.info (names, time zones). */
final class IdentityMethods implements WebApiMethods.Family {

    private final FakeWorkspace workspace;

    IdentityMethods(FakeWorkspace workspace) {
        this.workspace = workspace;
    }

    @Override
    public void registerIn(WebApiMethods methods) {
        methods.register("auth.test", this::authTest)
                .register("bots.info", this::botsInfo)
                .register("users.info", this::usersInfo);
    }

    private JsonObject authTest(Params p) {
        return obj("url", WORKSPACE_URL, "team", TEAM_NAME, "user", BOT_NAME, "team_id", TEAM_ID,
                "user_id", BOT_USER_ID, "bot_id", BOT_ID, "is_enterprise_install", false);
    }

    private JsonObject botsInfo(Params p) {
        String bot = p.get("bot");
        if (bot == null || !bot.startsWith("B")) {
            throw SlackRefusal.of(Errors.BOT_NOT_FOUND);
        }
        boolean ours = BOT_ID.equals(bot);
        return obj("bot", obj("id", bot, "deleted", false, "name", ours ? BOT_NAME : "bot-" + bot.toLowerCase(Locale.ROOT),
                "app_id", ours ? APP_ID : "A" + bot.substring(1), "user_id", ours ? BOT_USER_ID : "U" + bot,
                "updated", Instant.now().getEpochSecond()));
    }

    private JsonObject usersInfo(Params p) {
        UserState u = p.get("user") == null ? null : workspace.users.get(p.get("user"));
        if (u == null) {
            throw SlackRefusal.of(Errors.USER_NOT_FOUND);
        }
        JsonObject profile = obj("display_name", u.displayName(), "display_name_normalized", u.displayName(),
                "real_name", u.realName(), "real_name_normalized", u.realName());
        if (u.bot()) {
            profile.addProperty("bot_id", BOT_ID);
        }
        JsonObject user = obj("id", u.id(), "team_id", TEAM_ID, "name", u.name(), "real_name", u.realName(),
                "deleted", false, "is_bot", u.bot(), "is_app_user", false, "profile", profile);
        if (u.tz() != null) {
            // As Slack: the zone id, its name now and its offset now, in seconds.
            ZonedDateTime now = ZonedDateTime.now(ZoneId.of(u.tz()));
            user.addProperty("tz", u.tz());
            user.addProperty("tz_label", now.format(DateTimeFormatter.ofPattern("zzzz", Locale.ENGLISH)));
            user.addProperty("tz_offset", now.getOffset().getTotalSeconds());
        }
        return obj("user", user);
    }
}
