/**
 * Over-the-air firmware updates on the gateway: content-addressed storage of firmware images checked against their
 * signed {@code biotdm-firmware-manifest-v1} manifest while they stream in, and the byte ranges devices download them
 * in (HTTP {@code Range}, RFC 9110 §14).
 */
package org.biotdm.gateway.firmware;
