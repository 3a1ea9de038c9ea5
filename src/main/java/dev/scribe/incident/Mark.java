package dev.scribe.incident;

/** Someone's reaction on a message of an incident, read as the kind of moment it marks. */
public record Mark(String channelId, String ts, EntryKind kind, String userId) {

    /**
     * What a mark made with the "Add to incident timeline" shortcut is stored under in place of an emoji: no emoji
     * has this name (a colon never appears in one), so no reaction removed can take it away, and one person's
     * shortcut marks a message once.
     */
    public static final String BY_SHORTCUT = "shortcut:add_to_timeline";
}
