/**
 * The operators' dashboard (the {@code dashboard/} module's built single-page application) served at {@code /} on the
 * API port, same origin as the API: the built files through Micronaut's static resources from {@code
 * biotdm.dashboard.dir}, {@code index.html} for the application's own client-side routes, and a strict
 * Content-Security-Policy on every response but Swagger UI's.
 */
package org.biotdm.gateway.dashboard;
