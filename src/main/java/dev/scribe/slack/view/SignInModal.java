package dev.scribe.slack.view;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.view.Views.view;
import static com.slack.api.model.view.Views.viewClose;
import static com.slack.api.model.view.Views.viewTitle;

import com.slack.api.model.block.element.ButtonElement;
import com.slack.api.model.view.View;
import java.util.List;

/**
 * The modal the Home tab's pages button opens: a link made on that click, so a Home tab left open for hours never
 * shows a link that has expired or that someone else could have used. Pure.
 */
public final class SignInModal {

    public static final String CALLBACK_ID = "home_sign_in_modal";
    /** The link button; Slack also tells the app when it is clicked, which is only acknowledged. */
    public static final String OPEN_ACTION = "home_sign_in_open";

    private SignInModal() {
    }

    /** The link, as a button, with how long it works. */
    public static View withLink(String url, long minutes) {
        return view(v -> v.type("modal").callbackId(CALLBACK_ID)
                .title(viewTitle(t -> t.type("plain_text").text("Incident pages")))
                .close(viewClose(c -> c.type("plain_text").text("Close")))
                .blocks(List.of(
                        section(s -> s.text(markdownText("Your personal sign-in link. It works once, for " + minutes
                                + " minutes; don't share it, it signs in as you."))),
                        actions(a -> a.elements(List.of(ButtonElement.builder().actionId(OPEN_ACTION).style("primary")
                                .text(plainText("Open the incident pages", true)).url(url).build()))))));
    }

    /** The modal when no link can be made, saying why (no public address set, another workspace). */
    public static View withoutLink(String why) {
        return view(v -> v.type("modal").callbackId(CALLBACK_ID)
                .title(viewTitle(t -> t.type("plain_text").text("Incident pages")))
                .close(viewClose(c -> c.type("plain_text").text("Close")))
                .blocks(List.of(section(s -> s.text(markdownText(why))))));
    }
}
