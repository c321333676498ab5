package org.biotdm.gateway.error;

/**
 * The input rules request records share, as constants for Bean Validation annotations ({@code @Pattern(regexp =
 * InputRules.ID)}). They repeat the chaincode's own rules so bad input is refused with {@code INVALID_ARGUMENT} and
 * the field's name before a transaction is endorsed.
 */
public final class InputRules {
    /** A device, group, grant, command, command type or MSP ID: the chaincode's identifier rule. */
    public static final String ID = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}";
    /** The message of a value that breaks {@link #ID}. */
    public static final String ID_MESSAGE = "must match " + ID;
    /** Text with at least one character that is not white space. */
    public static final String NOT_BLANK = "(?s).*\\S.*";

    private InputRules() {}
}
