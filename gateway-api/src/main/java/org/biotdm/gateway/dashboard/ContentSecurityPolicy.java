package org.biotdm.gateway.dashboard;

import java.util.regex.Pattern;

/**
 * The Content-Security-Policy of the dashboard and the API (W3C CSP Level 3): everything from the page's own origin
 * only, no inline script or style, no plugins, no framing; {@code connect-src} adds the same host's {@code ws:} and
 * {@code wss:} for {@code /ws/events}, since browsers that implement only CSP Level 2 do not let {@code 'self'} cover
 * WebSocket schemes.
 */
final class ContentSecurityPolicy {
    /** The response header (W3C CSP Level 3, section 3.1). */
    static final String HEADER = "Content-Security-Policy";

    /** A {@code Host} header value: a DNS name, IPv4 or bracketed IPv6 address, and an optional port. */
    private static final Pattern HOST =
            Pattern.compile("[A-Za-z0-9.\\-]{1,253}(:[0-9]{1,5})?|\\[[0-9A-Fa-f:.]{2,45}](:[0-9]{1,5})?");

    private static final String FIXED =
            "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                    + "font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'; "
                    + "connect-src 'self'";

    private ContentSecurityPolicy() {}

    /**
     * Returns the policy for a request.
     *
     * @param host the request's {@code Host} header, or null; a value that is not a plain host and port (anything a
     *     client could use to inject other sources) is left out
     * @return the header value, for example {@code default-src 'self'; … connect-src 'self' ws://127.0.0.1:8080
     *     wss://127.0.0.1:8080}
     */
    static String forHost(String host) {
        if (host == null || !HOST.matcher(host).matches()) {
            return FIXED;
        }
        return FIXED + " ws://" + host + " wss://" + host;
    }
}
