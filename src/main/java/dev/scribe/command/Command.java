package dev.scribe.command;

import dev.scribe.incident.Severity;

/** One parsed {@code /incident} subcommand. */
public sealed interface Command {

    /** {@code start [sev1-sev4] <title>}, also {@code declare} and {@code open}. */
    record Start(Severity severity, String title) implements Command {
    }

    /** {@code note <text>}. */
    record Note(String text) implements Command {
    }

    /** {@code close [resolution]}; the resolution is empty when none was given. */
    record Close(String resolution) implements Command {
    }

    /** {@code help}, or no subcommand at all. */
    record Help() implements Command {
    }

    /** A subcommand nobody knows; the reply names the word. */
    record Unknown(String word) implements Command {
    }
}
