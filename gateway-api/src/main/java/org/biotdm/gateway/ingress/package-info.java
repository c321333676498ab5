/**
 * The device port: a second Netty listener with TLS and optional client certificates, its certificate material,
 * the filter that turns a verified client certificate into a registered, active device, and the rule that device
 * routes are served only there and API routes never there.
 */
package org.biotdm.gateway.ingress;
