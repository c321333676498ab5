package org.biotdm.cli.stack;

import java.util.List;

/**
 * A part of the stack failed to start or stopped unexpectedly; carries the part so the message can show the end of
 * its log.
 */
public final class StackException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient ChildProcess child;

    /**
     * Creates the exception.
     *
     * @param message what happened
     * @param child the part concerned, or null
     */
    public StackException(String message, ChildProcess child) {
        super(message);
        this.child = child;
    }

    /**
     * Creates the exception without a part.
     *
     * @param message what happened
     */
    public StackException(String message) {
        this(message, null);
    }

    /**
     * Returns the message with the last lines of the part's log, if any.
     *
     * @return the text to print
     */
    public String describe() {
        if (child == null) {
            return getMessage();
        }
        List<String> tail = child.tail(25);
        return getMessage() + System.lineSeparator() + "Last lines of " + child.log() + ":" + System.lineSeparator()
                + "  " + String.join(System.lineSeparator() + "  ", tail);
    }
}
