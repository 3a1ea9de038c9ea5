package dev.scribe.slack.view;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.divider;
import static com.slack.api.model.block.Blocks.header;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.view.Views.view;

import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.element.BlockElement;
import com.slack.api.model.block.element.ButtonElement;
import com.slack.api.model.view.View;
import dev.scribe.incident.Incident;
import dev.scribe.incident.ShownTimes;
import dev.scribe.incident.UserText;
import dev.scribe.slack.Mrkdwn;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * A person's Home tab: a Declare button and a sign-in button to the incident pages (when each is available), the open
 * incidents they may see (number, title, severity, status, commander, channel, start as a date each reader sees in
 * their own zone), and the last closed ones with their time to resolve. Pure; within Slack's 100 blocks a view.
 */
public final class HomeTab {

    public static final String DECLARE_ACTION = DeclareModal.HOME_DECLARE_ACTION_ID;
    public static final String SIGN_IN_ACTION = "home_sign_in";
    static final String BUTTONS_BLOCK = "home_buttons";
    static final String OPEN_BLOCK_PREFIX = "home_open:";
    static final String CLOSED_BLOCK_PREFIX = "home_closed:";

    /** Open incidents listed one block each; more are counted, so the view stays within Slack's 100 blocks. */
    public static final int MAX_OPEN_SHOWN = 50;
    /** How many closed incidents Home lists. */
    public static final int CLOSED_SHOWN = 10;

    /** A closed incident with its time to resolve as the report writes it ({@code 2h 47m}, or {@code -} and why). */
    public record Closed(Incident incident, String timeToResolve) {
    }

    /** What the Home tab offers besides the lists. */
    public record Buttons(boolean declare, boolean signIn) {
    }

    private HomeTab() {
    }

    /**
     * The Home tab of one person. {@code open} and {@code closed} are only the incidents they may see; {@code zone} is
     * the fallback zone of dates for clients that cannot localise them.
     */
    public static View build(List<Incident> open, List<Closed> closed, Buttons buttons, ZoneId zone) {
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(header(h -> h.text(plainText(":rotating_light: Incident Scribe", true))));
        List<BlockElement> elements = new ArrayList<>();
        if (buttons.declare()) {
            elements.add(ButtonElement.builder().actionId(DECLARE_ACTION).style("danger")
                    .text(plainText("Declare an incident", true)).value("declare").build());
        }
        if (buttons.signIn()) {
            elements.add(ButtonElement.builder().actionId(SIGN_IN_ACTION)
                    .text(plainText("Open the incident pages", true)).value("sign_in").build());
        }
        if (!elements.isEmpty()) {
            blocks.add(actions(a -> a.blockId(BUTTONS_BLOCK).elements(elements)));
        }
        if (buttons.signIn()) {
            blocks.add(context(c -> c.elements(List.of(markdownText("The pages button makes a personal sign-in link "
                    + "when you click it: it works once, for 10 minutes.")))));
        }
        blocks.add(divider());
        blocks.add(header(h -> h.text(plainText("Open incidents (" + open.size() + ")", true))));
        if (open.isEmpty()) {
            blocks.add(section(s -> s.text(markdownText("No incident is open."))));
        }
        open.stream().limit(MAX_OPEN_SHOWN).forEach(i ->
                blocks.add(section(s -> s.blockId(OPEN_BLOCK_PREFIX + i.number()).text(markdownText(openLine(i, zone))))));
        if (open.size() > MAX_OPEN_SHOWN) {
            int more = open.size() - MAX_OPEN_SHOWN;
            blocks.add(context(c -> c.elements(List.of(markdownText("…and " + more + " more, the oldest. "
                    + "`/incident list` shows them all.")))));
        }
        blocks.add(divider());
        blocks.add(header(h -> h.text(plainText("Recently closed", true))));
        if (closed.isEmpty()) {
            blocks.add(section(s -> s.text(markdownText("No incident has been closed yet."))));
        }
        closed.stream().limit(CLOSED_SHOWN).forEach(c ->
                blocks.add(section(s -> s.blockId(CLOSED_BLOCK_PREFIX + c.incident().number())
                        .text(markdownText(closedLine(c, zone))))));
        return view(v -> v.type("home").blocks(blocks));
    }

    static String openLine(Incident i, ZoneId zone) {
        return "*Incident " + i.number() + "*: " + Mrkdwn.escape(UserText.oneLine(i.title())) + "\n"
                + i.severity().label() + " · " + i.status().label()
                + " · commander " + (i.commanderId() == null ? "-" : "<@" + i.commanderId() + ">")
                + " · <#" + i.channelId() + "> · started " + date(i.startedAt(), zone);
    }

    static String closedLine(Closed c, ZoneId zone) {
        Incident i = c.incident();
        return "*Incident " + i.number() + "*: " + Mrkdwn.escape(UserText.oneLine(i.title())) + "\n"
                + i.severity().label() + " · closed " + i.closed().map(at -> date(at, zone)).orElse("-")
                + " · time to resolve " + Mrkdwn.escape(c.timeToResolve()) + " · <#" + i.channelId() + ">";
    }

    private static String date(Instant at, ZoneId zone) {
        return Mrkdwn.date(at, "{date_short_pretty} {time}", ShownTimes.DATE_TIME_ZONE.format(at.atZone(zone)));
    }
}
