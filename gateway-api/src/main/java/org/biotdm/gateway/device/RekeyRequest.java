package org.biotdm.gateway.device;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.micronaut.serde.annotation.Serdeable;

/**
 * {@code POST /device/v1/rekey}: the device's PKCS#10 request for its new key.
 *
 * @param csr PEM {@code CERTIFICATE REQUEST}, P-256 key, subject CN = the device ID, signed with the new key
 */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = false)
public record RekeyRequest(String csr) {}
