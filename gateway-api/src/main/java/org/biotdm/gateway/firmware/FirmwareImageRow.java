package org.biotdm.gateway.firmware;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * A published firmware image the gateway stores and serves (table {@code firmware_images}); the view {@code GET
 * /api/v1/firmware} lists.
 *
 * @param model the device model, {@code <manufacturer MSP>/<name>}
 * @param version the version (Semantic Versioning)
 * @param sequence the anti-rollback sequence number
 * @param size the image size, bytes
 * @param sha256 the image's SHA-256, lower-case hex: its name in the store and on the device port
 * @param manifestJson the signed manifest, canonical JSON
 * @param publishedBy the admin who uploaded it
 * @param publishedAt when, epoch ms
 * @param publishTxId the {@code PublishFirmware} transaction
 * @param revokedAt when it was revoked, epoch ms, or null
 * @param revocationReason why, or null
 */
@Serdeable
public record FirmwareImageRow(
        String model,
        String version,
        long sequence,
        long size,
        String sha256,
        String manifestJson,
        String publishedBy,
        long publishedAt,
        @Nullable String publishTxId,
        @Nullable Long revokedAt,
        @Nullable String revocationReason) {}
