package dev.scribe.command;

import dev.scribe.incident.Severity;
import dev.scribe.incident.Status;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Optional;
import java.util.OptionalInt;

/** One parsed {@code /incident} subcommand. */
public sealed interface Command {

    /** {@code start [sev1-sev4] <title>}, also {@code declare} and {@code open}; the title is plain one-line text. */
    record Start(Severity severity, String title) implements Command {
    }

    /**
     * {@code start [sev1-sev4]} with no title: the declare form is opened instead, its severity preset to the one
     * typed (else the default).
     */
    record DeclareForm(Severity severity) implements Command {
    }

    /** {@code note <text>}. */
    record Note(String text) implements Command {
    }

    /** {@code close [resolution]}; the resolution is empty when none was given. */
    record Close(String resolution) implements Command {
    }

    /**
     * {@code at <HH:MM | YYYY-MM-DD HH:MM> [zone] [:emoji:] <text>}; {@code date} is null for a bare time, {@code zone}
     * null when none was typed (the time is then read in the typist's own zone).
     */
    record At(LocalDate date, LocalTime time, ZoneId zone, String emoji, String text) implements Command {
        /** An entry typed without a zone. */
        public At(LocalDate date, LocalTime time, String emoji, String text) {
            this(date, time, null, emoji, text);
        }
    }

    /** {@code status investigating|identified|monitoring|resolved}. */
    record SetStatus(Status status) implements Command {
    }

    /** {@code sev <1-4>}. */
    record SetSeverity(Severity severity) implements Command {
    }

    /** {@code lead [@user]}; empty means the caller. */
    record Lead(Optional<String> userId) implements Command {
    }

    /**
     * {@code role <role> [@user]}; an empty user means the caller. The role is the word as typed (empty when none was):
     * which roles exist is configured, so the domain checks it.
     */
    record SetRole(String role, Optional<String> userId) implements Command {
    }

    /** {@code action <text> [@owner]}. */
    record Action(String text, Optional<String> ownerId) implements Command {
    }

    /** {@code timeline}: the timeline so far, to the caller only. */
    record ShowTimeline() implements Command {
    }

    /** {@code reopen}: the channel's last closed incident. */
    record Reopen() implements Command {
    }

    /** {@code list}: open incidents, from any channel. */
    record ListOpen() implements Command {
    }

    /** {@code web}: a personal sign-in link to the incident pages, to the caller only. */
    record SignInLink() implements Command {
    }

    /**
     * {@code repost [number]}: post again what is left of a closed incident's report (after its channel was fixed);
     * without a number, the channel's last closed incident.
     */
    record Repost(OptionalInt number) implements Command {
    }

    /** {@code help}, or no subcommand at all. */
    record Help() implements Command {
    }

    /** A subcommand nobody knows; the reply names the word. */
    record Unknown(String word) implements Command {
    }
}
