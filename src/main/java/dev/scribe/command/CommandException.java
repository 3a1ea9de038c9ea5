package dev.scribe.command;

/** The text of a command cannot be understood; the message says what was wrong and what is accepted. */
public class CommandException extends RuntimeException {
    public CommandException(String message) {
        super(message);
    }
}
