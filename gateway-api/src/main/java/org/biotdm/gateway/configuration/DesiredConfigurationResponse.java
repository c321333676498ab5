package org.biotdm.gateway.configuration;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.annotation.Serdeable;

/**
 * A device's desired configuration.
 *
 * @param deviceId the device
 * @param version the version, from 1; one more per change
 * @param configuration the document, as stored (canonical JSON)
 * @param sha256 SHA-256 of its canonical JSON, as on the ledger
 * @param commandId the {@code configuration} command carrying it to the device
 * @param setBy the admin's username, or null when another gateway instance set it and this one holds no document
 * @param setAt when it was set (transaction time), epoch ms
 * @param transactionId the SetDesiredConfiguration transaction, or null
 */
@Serdeable
public record DesiredConfigurationResponse(
        String deviceId,
        long version,
        @Nullable JsonNode configuration,
        String sha256,
        @Nullable String commandId,
        @Nullable String setBy,
        long setAt,
        @Nullable String transactionId) {}
