/**
 * Cross-cutting protections of the gateway's own secrets: files that hold keys, tokens and passwords are created
 * owner-only from their first byte ({@link org.biotdm.gateway.security.SecretFiles}).
 */
package org.biotdm.gateway.security;
