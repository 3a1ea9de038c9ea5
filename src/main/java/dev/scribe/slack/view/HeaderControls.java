package dev.scribe.slack.view;

import static com.slack.api.model.block.composition.BlockCompositions.plainText;

import com.slack.api.model.block.composition.OptionObject;
import com.slack.api.model.block.element.ButtonElement;
import com.slack.api.model.block.element.StaticSelectElement;
import com.slack.api.model.block.element.UsersSelectElement;
import dev.scribe.incident.Roles;
import dev.scribe.incident.Severity;
import dev.scribe.incident.Status;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The controls that run an incident, on its pinned header and on the reminders: their action ids, the block ids they
 * sit in, and the elements themselves. Every control sits in a block whose id ends with {@code :<incident number>}, and
 * buttons carry the number as their value too, so one handler serves every message that carries the control.
 */
public final class HeaderControls {

    /** Static select of the statuses. */
    public static final String STATUS = "incident_status";
    /** Static select of SEV1 to SEV4. */
    public static final String SEVERITY = "incident_severity";
    /** Users select of one role: {@code incident_role:commander}, {@code incident_role:comms}. */
    public static final String ROLE_PREFIX = "incident_role:";
    /** Button opening the action item form. */
    public static final String ADD_ACTION = "incident_add_action";
    /** Button opening the note form. */
    public static final String ADD_NOTE = "incident_add_note";
    /** Button opening the close form. */
    public static final String CLOSE = "incident_close";

    /** The header's actions block: {@code incident_header_controls:<n>}. */
    public static final String HEADER_BLOCK = "incident_header_controls";
    /** The header's section of one role, whose accessory is the role's select: {@code incident_header_role_comms:<n>}. */
    public static final String HEADER_ROLE_BLOCK = "incident_header_role_";
    /** The block of a reminder's controls: {@code incident_reminder:<n>}. */
    public static final String REMINDER_BLOCK = "incident_reminder";

    private HeaderControls() {
    }

    /** The id of a block of incident {@code number}: {@code prefix:number}. */
    public static String blockId(String prefix, int number) {
        return prefix + ":" + number;
    }

    /** The incident number a block id ends with, if it ends with {@code :<number>}. */
    public static OptionalInt incidentNumber(String blockId) {
        if (blockId == null) {
            return OptionalInt.empty();
        }
        String suffix = blockId.substring(blockId.lastIndexOf(':') + 1);
        if (suffix.isEmpty() || suffix.length() > 9 || !suffix.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return OptionalInt.empty();
        }
        int number = Integer.parseInt(suffix);
        return number > 0 ? OptionalInt.of(number) : OptionalInt.empty();
    }

    /** True for a block of the pinned header (as opposed to a reminder's). */
    public static boolean isHeaderBlock(String blockId) {
        return blockId != null && (blockId.startsWith(HEADER_BLOCK + ":") || blockId.startsWith(HEADER_ROLE_BLOCK));
    }

    /** The action id of a role's users select. */
    public static String roleAction(String role) {
        return ROLE_PREFIX + role;
    }

    /** The role a role select's action id names, if it is one. */
    public static Optional<String> roleOf(String actionId) {
        return actionId != null && actionId.startsWith(ROLE_PREFIX)
                ? Optional.of(actionId.substring(ROLE_PREFIX.length())) : Optional.empty();
    }

    /** The status select, showing the status the incident has now. */
    public static StaticSelectElement statusSelect(Status current) {
        List<OptionObject> options = Arrays.stream(Status.values()).map(s -> option(s.label(), s.word())).toList();
        return StaticSelectElement.builder().actionId(STATUS).placeholder(plainText("Status"))
                .options(options).initialOption(option(current.label(), current.word())).build();
    }

    /** The status select with no status shown, for a message that may be read long after it was posted (a reminder). */
    public static StaticSelectElement statusSelect() {
        List<OptionObject> options = Arrays.stream(Status.values()).map(s -> option(s.label(), s.word())).toList();
        return StaticSelectElement.builder().actionId(STATUS).placeholder(plainText("Set the status"))
                .options(options).build();
    }

    /** The severity select, showing the severity the incident has now. */
    public static StaticSelectElement severitySelect(Severity current) {
        List<OptionObject> options = Arrays.stream(Severity.values()).map(s -> option(s.label(), s.name())).toList();
        return StaticSelectElement.builder().actionId(SEVERITY).placeholder(plainText("Severity"))
                .options(options).initialOption(option(current.label(), current.name())).build();
    }

    /** The users select of one role, showing who holds it, if anyone. */
    public static UsersSelectElement roleSelect(String role, Optional<String> holder) {
        return UsersSelectElement.builder().actionId(roleAction(role))
                .placeholder(plainText("Choose the " + Roles.label(role).toLowerCase(java.util.Locale.ROOT)))
                .initialUser(holder.orElse(null)).build();
    }

    /** The button opening the action item form of incident {@code number}. */
    public static ButtonElement addActionButton(int number) {
        return button(ADD_ACTION, "Add action item", number, null);
    }

    /** The button opening the note form of incident {@code number}. */
    public static ButtonElement addNoteButton(int number) {
        return button(ADD_NOTE, "Add note", number, null);
    }

    /** The button opening the close form of incident {@code number}. */
    public static ButtonElement closeButton(int number) {
        return button(CLOSE, "Close incident", number, "danger");
    }

    private static ButtonElement button(String actionId, String text, int number, String style) {
        return ButtonElement.builder().actionId(actionId).text(plainText(text)).value(String.valueOf(number)).style(style)
                .build();
    }

    private static OptionObject option(String label, String value) {
        return OptionObject.builder().text(plainText(label)).value(value).build();
    }
}
