package org.biotdm.gateway.firmware;

import io.micronaut.serde.ObjectMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.biotdm.gateway.error.ApiException;
import org.biotdm.gateway.error.ErrorCode;
import org.biotdm.gateway.error.LedgerExceptionHandler;
import org.biotdm.gateway.ledger.LedgerException;
import org.biotdm.gateway.ledger.LedgerResult;
import org.biotdm.gateway.users.ApiUser;
import org.biotdm.gateway.users.UserLedgerIdentities;
import org.biotdm.protocol.firmware.FirmwareManifest;
import org.biotdm.protocol.firmware.FirmwareRefusedException;
import org.biotdm.protocol.json.CanonicalJson;

/**
 * Publishes firmware for admins: checks an uploaded manifest and image before anything goes on the ledger (steps 1–4,
 * 7 and 8 of {@code protocol/firmware-manifest-v1.md}, the signature against the manufacturer's keys registered on
 * the ledger), stores the image content-addressed, then submits {@code PublishFirmware} signed by the admin's own
 * identity. Also lists the catalogue and revokes firmware, which stops every campaign that uses it.
 */
@Singleton
final class FirmwareService {
    private final FirmwareImageStore store;
    private final FirmwareImages images;
    private final FirmwareLedger ledger;
    private final TrustedSigningKeys keys;
    private final UserLedgerIdentities identities;
    private final CampaignStops stops;
    private final ObjectMapper json;

    /**
     * Creates the service.
     *
     * @param store the image files
     * @param images the catalogue table
     * @param ledger the firmware contract
     * @param keys the manufacturers' signing keys on the ledger
     * @param identities the people's own Fabric identities
     * @param stops stops campaigns of revoked firmware
     * @param json parses manifests
     */
    public FirmwareService(
            FirmwareImageStore store,
            FirmwareImages images,
            FirmwareLedger ledger,
            TrustedSigningKeys keys,
            UserLedgerIdentities identities,
            CampaignStops stops,
            ObjectMapper json) {
        this.store = store;
        this.images = images;
        this.ledger = ledger;
        this.keys = keys;
        this.identities = identities;
        this.stops = stops;
        this.json = json;
    }

    /**
     * Checks, stores and publishes an image.
     *
     * @param admin the manufacturer's admin
     * @param model the model the admin publishes for
     * @param manifestBase64 standard base64 of the manifest's JSON
     * @param image the image bytes, read only after the manifest passed
     * @return the catalogue entry
     * @throws ApiException 400 the manifest and image codes ({@code FIRMWARE_MANIFEST_INVALID}, {@code
     *     FIRMWARE_UNSIGNED}, {@code FIRMWARE_SIGNING_KEY_UNKNOWN}, {@code FIRMWARE_SIGNATURE_INVALID}, {@code
     *     FIRMWARE_IMAGE_SIZE_MISMATCH}, {@code FIRMWARE_IMAGE_HASH_MISMATCH}); 403 {@code ACCESS_DENIED} (a model of
     *     another manufacturer); 409 {@code FIRMWARE_MODEL_MISMATCH}, {@code FIRMWARE_DOWNGRADE}, {@code
     *     FIRMWARE_SIGNING_KEY_REVOKED}, {@code FIRMWARE_EXISTS}; 413 {@code FIRMWARE_IMAGE_TOO_LARGE}; 503 {@code
     *     LEDGER_UNAVAILABLE}, {@code DATABASE_UNAVAILABLE}; 504 {@code LEDGER_UNKNOWN_OUTCOME}
     */
    public FirmwareImageRow upload(ApiUser admin, String model, String manifestBase64, InputStream image) {
        requireManufacturer(admin, model);
        FirmwareManifest manifest = checkManifest(model, manifestBase64);
        storeImage(manifest, image);
        LedgerResult published;
        try {
            published = ledger.publish(identities.identityOf(admin), manifest);
        } catch (LedgerException e) {
            throw LedgerExceptionHandler.toApiException(e);
        }
        FirmwareImageRow row = new FirmwareImageRow(
                manifest.model(),
                manifest.version(),
                manifest.sequence(),
                manifest.size(),
                manifest.sha256(),
                CanonicalJson.write(manifest.toFields()),
                admin.username(),
                System.currentTimeMillis(),
                published.transactionId(),
                null,
                null);
        images.insert(row);
        return row;
    }

    /**
     * Lists the catalogue.
     *
     * @param model only this model, or null
     * @param limit the most entries
     * @return the entries, newest first
     * @throws ApiException 503 {@code DATABASE_UNAVAILABLE}
     */
    public List<FirmwareImageRow> list(String model, int limit) {
        return images.list(model, limit);
    }

    /**
     * Revokes a version on the ledger and stops every campaign that uses it.
     *
     * @param admin the manufacturer's admin
     * @param request the model, version and reason
     * @return the catalogue entry, revoked
     * @throws ApiException 404 {@code FIRMWARE_NOT_FOUND}; 409 {@code FIRMWARE_REVOKED}; 403 {@code ACCESS_DENIED};
     *     503 {@code LEDGER_UNAVAILABLE}, {@code DATABASE_UNAVAILABLE}; 504 {@code LEDGER_UNKNOWN_OUTCOME}
     */
    public FirmwareImageRow revoke(ApiUser admin, RevokeFirmwareRequest request) {
        requireManufacturer(admin, request.model());
        try {
            ledger.revoke(identities.identityOf(admin), request.model(), request.version(), request.reason());
        } catch (LedgerException e) {
            throw LedgerExceptionHandler.toApiException(e);
        }
        images.revoke(request.model(), request.version(), System.currentTimeMillis(), request.reason());
        stops.firmwareRevoked(request.model(), request.version());
        return images.find(request.model(), request.version())
                .orElseThrow(() -> new ApiException(ErrorCode.FIRMWARE_NOT_FOUND, "This gateway stores no such image"));
    }

    /** Only the manufacturer's admins publish and revoke a model's firmware (the chaincode checks it again). */
    private static void requireManufacturer(ApiUser admin, String model) {
        if (!model.startsWith(admin.mspId() + "/")) {
            throw new ApiException(ErrorCode.ACCESS_DENIED, "Only the model's manufacturer publishes or revokes it");
        }
    }

    private FirmwareManifest checkManifest(String model, String manifestBase64) {
        FirmwareManifest manifest = refusals(() -> FirmwareManifest.fromFields(parse(manifestBase64)));
        refusals(() -> {
            keys.verify(manifest);
            return manifest;
        });
        if (!manifest.model().equals(model)) {
            throw new ApiException(
                    ErrorCode.FIRMWARE_MODEL_MISMATCH,
                    "The manifest is for " + manifest.model() + ", the upload for " + model);
        }
        long highest = highestSequence(manifest.model());
        if (manifest.sequence() <= highest) {
            throw new ApiException(
                    ErrorCode.FIRMWARE_DOWNGRADE,
                    "Sequence " + manifest.sequence() + " is not higher than the published " + highest);
        }
        return manifest;
    }

    /**
     * The highest sequence published for a model: the ledger's catalogue (versions published through any gateway or
     * straight through the chaincode), and this gateway's own table in case its last publish is not yet readable.
     */
    private long highestSequence(String model) {
        try {
            return Math.max(images.highestSequence(model), ledger.highestSequence(model));
        } catch (LedgerException e) {
            throw LedgerExceptionHandler.toApiException(e);
        }
    }

    private void storeImage(FirmwareManifest manifest, InputStream image) {
        try {
            store.store(manifest, image);
        } catch (FirmwareImageStore.ImageTooLargeException e) {
            throw new ApiException(ErrorCode.FIRMWARE_IMAGE_TOO_LARGE, e.getMessage());
        } catch (FirmwareRefusedException e) {
            throw refused(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Map<String, Object> parse(String manifestBase64) {
        if (manifestBase64 == null || manifestBase64.isBlank()) {
            throw new ApiException(ErrorCode.FIRMWARE_MANIFEST_INVALID, "The Firmware-Manifest header is required");
        }
        try {
            byte[] text = Base64.getDecoder().decode(manifestBase64.strip());
            @SuppressWarnings("unchecked")
            Map<String, Object> fields = json.readValue(new String(text, StandardCharsets.UTF_8), Map.class);
            if (fields == null) {
                throw new IOException("not a JSON object");
            }
            return fields;
        } catch (IOException | RuntimeException e) {
            throw new ApiException(
                    ErrorCode.FIRMWARE_MANIFEST_INVALID, "The Firmware-Manifest header is not base64 of a JSON object");
        }
    }

    private static <T> T refusals(java.util.function.Supplier<T> step) {
        try {
            return step.get();
        } catch (FirmwareRefusedException e) {
            throw refused(e);
        }
    }

    /**
     * Turns a verification refusal into the API error of the same catalogue code.
     *
     * @param e the refusal
     * @return the API error
     */
    static ApiException refused(FirmwareRefusedException e) {
        return new ApiException(ErrorCode.valueOf(e.error().code()), e.getMessage());
    }
}
