package dev.scribe.it;

import static dev.scribe.it.RunningScribe.ALICE;
import static dev.scribe.it.RunningScribe.BOB;
import static dev.scribe.it.RunningScribe.OPS;
import static dev.scribe.it.RunningScribe.WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.scribe.slack.view.HomeTab;
import dev.scribe.slack.view.SignInModal;
import dev.scribe.testing.FakeSlackApi;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Home tab through the real servlet: published on app_home_opened, private incidents only for their channel's
 * members, refreshed after changes (debounced: publishes counted), remembered across a restart, and a pages button
 * that makes its sign-in link when clicked.
 */
class AppHomeTest {

    static final String PRIVATE = "G0PRIV";

    @RegisterExtension
    final RunningScribeExtension scribe = RunningScribeExtension.withEnv(Map.of("SCRIBE_CHANNEL_MODE", "here",
            "SCRIBE_PUBLIC_URL", "http://localhost:3000"));

    /** Opens {@code user}'s Home tab and waits for the view Slack then holds for them. */
    static FakeSlackApi.View openHome(RunningScribe bot, String user) {
        int before = bot.slack.homeView(user).map(v -> v.updates() + 1).orElse(0);
        bot.event(SlackPayloads.appHomeOpened(SlackPayloads.eventId(), user, "home"));
        return bot.slack.await(() -> bot.slack.homeView(user), v -> v.isPresent() && v.get().updates() + 1 > before, WAIT)
                .orElseThrow();
    }

    static int publishes(RunningScribe bot, String user) {
        return (int) bot.slack.calls("views.publish").stream().filter(c -> user.equals(c.param("user_id"))).count();
    }

    @Test
    void aPrivateIncidentIsOnTheHomeOfItsChannelsMembersOnly(RunningScribe bot) {
        bot.slack.addPrivateChannel(PRIVATE, "payroll-leak", true);
        bot.slack.addMember(PRIVATE, ALICE);
        bot.command(ALICE, PRIVATE, "start sev1 Payroll data exposed").assertInChannel("incident 1");
        bot.command(BOB, OPS, "start Checkout slow").assertInChannel("incident 2");

        String alice = openHome(bot, ALICE).allText();
        String bob = openHome(bot, BOB).allText();
        assertTrue(alice.contains("Payroll data exposed") && alice.contains("Checkout slow"), alice);
        assertTrue(bob.contains("Checkout slow"), bob);
        assertFalse(bob.contains("Payroll") || bob.contains("Incident 1*"), "not a member: " + bob);
        assertTrue(alice.contains("<#" + PRIVATE + ">") && alice.contains("<!date^"), alice);

        // The messages tab is not Home: nothing is published.
        int before = publishes(bot, BOB);
        bot.event(SlackPayloads.appHomeOpened(SlackPayloads.eventId(), BOB, "messages"));
        bot.event(SlackPayloads.appHomeOpened(SlackPayloads.eventId(), "not an id", "home"));
        assertEquals(before, publishes(bot, BOB));
    }

    @Test
    void changesRefreshHomeOnceForABurstAndClosedIncidentsShowTheirTimeToResolve(RunningScribe bot) {
        bot.command(ALICE, OPS, "start Queue backlog").assertInChannel("incident 1");
        assertTrue(openHome(bot, ALICE).allText().contains("Investigating"));
        assertEquals(1, publishes(bot, ALICE));

        bot.command(ALICE, OPS, "status identified");
        bot.command(ALICE, OPS, "sev 1");
        bot.command(ALICE, OPS, "status monitoring");
        FakeSlackApi.View refreshed = bot.slack.await(() -> bot.slack.homeView(ALICE).orElseThrow(),
                v -> v.allText().contains("Monitoring") && v.allText().contains("SEV1"), WAIT);
        assertEquals(2, publishes(bot, ALICE), "three changes within the debounce, one refresh: " + refreshed.allText());

        bot.command(ALICE, OPS, "close");
        FakeSlackApi.View closed = bot.slack.await(() -> bot.slack.homeView(ALICE).orElseThrow(),
                v -> v.allText().contains("time to resolve"), WAIT);
        assertTrue(closed.allText().contains("No incident is open."), closed.allText());
    }

    @Test
    void aRestartedBotStillRefreshesThoseWhoOpenedHome(RunningScribe bot) throws Exception {
        openHome(bot, BOB);
        bot.restart();
        int before = publishes(bot, BOB);
        bot.command(ALICE, OPS, "start Cache stampede").assertInChannel("incident 1");
        FakeSlackApi.View home = bot.slack.await(() -> bot.slack.homeView(BOB).orElseThrow(),
                v -> v.allText().contains("Cache stampede"), WAIT);
        assertTrue(publishes(bot, BOB) > before, home.allText());
    }

    @Test
    void thePagesButtonMakesAOneUseLinkOnTheClick(RunningScribe bot) throws Exception {
        FakeSlackApi.View home = openHome(bot, ALICE);
        assertEquals(0, bot.count("SELECT COUNT(*) FROM web_sign_in_links"), "no link baked into the Home tab");
        assertFalse(home.json().toString().contains("token="));

        assertEquals(200, bot.http().interaction(Interactions.clickButtonInView(ALICE, home, HomeTab.SIGN_IN_ACTION))
                .statusCode());
        FakeSlackApi.View modal = bot.slack.await(() -> bot.slack.modals(SignInModal.CALLBACK_ID), l -> !l.isEmpty(), WAIT)
                .get(0);
        String url = linkButtonUrl(modal);
        assertTrue(url.startsWith("http://localhost:3000/signin?token="), url);
        assertEquals(1, bot.count("SELECT COUNT(*) FROM web_sign_in_links"));
        URI link = URI.create(url);
        var page = bot.http().get(link.getPath() + "?" + link.getQuery());
        assertEquals(200, page.statusCode(), page.body());

        assertEquals(200, bot.http().interaction(Interactions.clickButtonInView(ALICE, modal, SignInModal.OPEN_ACTION))
                .statusCode(), "the link button's click is acknowledged");
    }

    @Test
    void theDeclareButtonOnHomeOpensTheDeclareForm(RunningScribe bot) {
        FakeSlackApi.View home = openHome(bot, BOB);
        assertEquals(200, bot.http().interaction(Interactions.clickButtonInView(BOB, home, HomeTab.DECLARE_ACTION))
                .statusCode());
        bot.slack.await(() -> bot.slack.modals(dev.scribe.slack.view.DeclareModal.CALLBACK_ID), l -> !l.isEmpty(), WAIT);
    }

    static String linkButtonUrl(FakeSlackApi.View modal) {
        for (JsonElement b : modal.json().getAsJsonArray("blocks")) {
            JsonObject block = b.getAsJsonObject();
            if (block.has("elements")) {
                for (JsonElement e : block.getAsJsonArray("elements")) {
                    if (e.getAsJsonObject().has("url")) {
                        return e.getAsJsonObject().get("url").getAsString();
                    }
                }
            }
        }
        throw new AssertionError("no link button in " + modal.json());
    }
}
