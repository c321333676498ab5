package org.biotdm.gateway.error;

/** Placeholder, completed below. */
final class ErrorCatalogue {
    static final String CODE_DESCRIPTION = "A code of the error catalogue (protocol/errors.json)";

    private ErrorCatalogue() {}
}
