/**
 * Log context for every request: a request ID ({@code X-Request-Id}, echoed on the response), and once known the
 * authenticated device or person, put into SLF4J's MDC and carried across the threads a request runs on by Micronaut's
 * context propagation, so every log line a request causes can be found by them. {@code logback.xml} prints them;
 * {@code logback-json.xml} writes them as fields.
 */
package org.biotdm.gateway.logging;
