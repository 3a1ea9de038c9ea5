package dev.scribe.incident;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The roles of an incident in force (SCRIBE_ROLES): the commander, always first, then the roles the team names, such
 * as {@code comms}. A role's name is what people type after {@code /incident role}; its label is what reports show.
 */
public record Roles(List<String> names) {

    /** The role every incident has: its commander, also set with {@code /incident lead}. */
    public static final String COMMANDER = "commander";
    /** At most this many roles, commander included: each is a select on the pinned header. */
    public static final int MAX_ROLES = 10;
    /** Longest role name: it is typed in commands and shown on the header's selects. */
    public static final int MAX_NAME_LENGTH = 24;

    private static final Pattern NAME = Pattern.compile("[a-z0-9]+(?:-[a-z0-9]+)*");

    public Roles {
        names = List.copyOf(names);
        if (names.isEmpty() || !names.get(0).equals(COMMANDER)) {
            throw new IllegalArgumentException("the commander must be the first role");
        }
    }

    /** {@code commander,comms}. */
    public static Roles defaults() {
        return parse("commander,comms");
    }

    /**
     * Reads a comma-separated list such as {@code commander,comms,scribe}. The commander is always a role and always
     * the first, whether the list names it or not.
     *
     * @throws IllegalArgumentException saying what is wrong with the list
     */
    public static Roles parse(String text) {
        Set<String> names = new LinkedHashSet<>();
        names.add(COMMANDER);
        boolean commanderNamed = false;
        for (String part : text.split(",", -1)) {
            String name = part.strip();
            if (name.isEmpty()) {
                throw new IllegalArgumentException("it has an empty role name; separate names with one comma, "
                        + "e.g. commander,comms");
            }
            if (!NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("'" + shown(name) + "' is not a role name: use lowercase letters, digits and "
                        + "single dashes, e.g. comms or ops-lead");
            }
            if (name.length() > MAX_NAME_LENGTH) {
                throw new IllegalArgumentException("the role name '" + name + "' is longer than " + MAX_NAME_LENGTH
                        + " characters");
            }
            if (name.equals(COMMANDER) ? commanderNamed : !names.add(name)) {
                throw new IllegalArgumentException("it names the role '" + name + "' twice");
            }
            commanderNamed |= name.equals(COMMANDER);
        }
        if (names.size() > MAX_ROLES) {
            throw new IllegalArgumentException("it names " + names.size() + " roles with the commander; at most "
                    + MAX_ROLES + " fit on the header");
        }
        return new Roles(new ArrayList<>(names));
    }

    /** The role a typed word names ({@code Comms} is {@code comms}), if it is one of these. */
    public Optional<String> find(String word) {
        String name = word == null ? "" : word.strip().toLowerCase(Locale.ROOT);
        return names.contains(name) ? Optional.of(name) : Optional.empty();
    }

    /** The roles besides the commander, in the configured order. */
    public List<String> others() {
        return names.subList(1, names.size());
    }

    /** The names as a reply lists them: {@code commander, comms or scribe}. */
    public String listed() {
        if (names.size() == 1) {
            return names.get(0);
        }
        return String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.get(names.size() - 1);
    }

    /** A refused name quoted back on the one line of a start-up error: control characters shown as {@code ?}, cut. */
    private static String shown(String name) {
        String oneLine = name.codePoints().map(c -> Character.isISOControl(c) || Character.getType(c) == Character.FORMAT
                ? '?' : c).collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return oneLine.length() > 40 ? oneLine.substring(0, 40) + "..." : oneLine;
    }

    /** How reports show a role: {@code comms} is {@code Comms}, {@code ops-lead} is {@code Ops lead}. */
    public static String label(String role) {
        String words = role.replace('-', ' ');
        return words.isEmpty() ? words : Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }
}
