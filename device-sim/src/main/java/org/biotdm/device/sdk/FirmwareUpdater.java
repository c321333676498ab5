package org.biotdm.device.sdk;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import org.biotdm.protocol.firmware.FirmwareManifest;
import org.biotdm.protocol.firmware.FirmwareRefusedException;
import org.biotdm.protocol.firmware.ImageCheck;
import org.biotdm.protocol.firmware.ManifestVerifier;

/**
 * Runs a firmware update on a device, in the order of {@code protocol/firmware-manifest-v1.md}: the manifest's syntax
 * and signature against the manufacturer keys the device was built with, its model, a sequence number higher than the
 * installed one; then the image in {@code Range} chunks through a streaming SHA-256, resuming after a failed chunk
 * with back-off (the retry policy's attempts count the failures of one chunk in a row); only when size and hash match is the image handed to the {@link Installer}. A refusal leaves the
 * installed firmware as it was and reports {@link FirmwareUpdateState#FAILED} with the catalogue code.
 */
public final class FirmwareUpdater {
    private final ManifestVerifier verifier;
    private final String deviceModel;
    private final RetryPolicy retry;
    private final Sleeper sleeper;
    private final int chunkBytes;

    /** Reads one chunk of the image: one HTTP {@code Range: bytes=offset-(offset+length-1)} request. */
    @FunctionalInterface
    public interface ImageSource {
        /**
         * Reads bytes of the image.
         *
         * @param offset the first byte
         * @param length how many bytes at most
         * @return the bytes, at least one unless the image ended
         * @throws IOException when the request failed; the updater retries
         */
        byte[] read(long offset, int length) throws IOException;
    }

    /** Receives each state the device reports. */
    @FunctionalInterface
    public interface Progress {
        /**
         * Reports a state.
         *
         * @param state the new state
         * @param reason the catalogue code for {@link FirmwareUpdateState#FAILED}, otherwise null
         */
        void report(FirmwareUpdateState state, String reason);
    }

    /** Installs a verified image: the simulator switches its version, a real device writes flash and reboots. */
    @FunctionalInterface
    public interface Installer {
        /**
         * Installs.
         *
         * @param manifest the verified manifest
         * @param image the verified image
         */
        void install(FirmwareManifest manifest, byte[] image);
    }

    /** Waits between attempts; tests pass one that does not sleep. */
    @FunctionalInterface
    public interface Sleeper {
        /**
         * Waits.
         *
         * @param delay how long
         * @throws InterruptedException when interrupted
         */
        void sleep(Duration delay) throws InterruptedException;
    }

    /**
     * Creates an updater.
     *
     * @param verifier the manufacturer keys the device was built with
     * @param deviceModel the device's model, {@code <manufacturer MSP ID>/<model name>}
     * @param retry when to retry a failed chunk
     * @param sleeper how to wait between attempts
     * @param chunkBytes bytes per {@code Range} request, at least 1
     */
    public FirmwareUpdater(
            ManifestVerifier verifier, String deviceModel, RetryPolicy retry, Sleeper sleeper, int chunkBytes) {
        this.verifier = verifier;
        this.deviceModel = deviceModel;
        this.retry = retry;
        this.sleeper = sleeper;
        this.chunkBytes = chunkBytes;
    }

    /**
     * Runs one update.
     *
     * @param manifestFields the {@code firmware-update} command's manifest, as parsed JSON members
     * @param installedSequence the sequence number of the installed firmware, 0 when unknown
     * @param source where the image comes from
     * @param installer what installs a verified image
     * @param progress where states go
     * @return the installed manifest
     * @throws FirmwareRefusedException when a verification step fails (after {@code FAILED} was reported)
     * @throws IOException when the download gave up after the retry policy's attempts (after {@code FAILED})
     * @throws InterruptedException when interrupted while waiting to retry
     */
    public FirmwareManifest update(
            Map<String, ?> manifestFields,
            long installedSequence,
            ImageSource source,
            Installer installer,
            Progress progress)
            throws IOException, InterruptedException {
        progress.report(FirmwareUpdateState.NOTIFIED, null);
        try {
            FirmwareManifest manifest = FirmwareManifest.fromFields(manifestFields);
            verifier.verifySignature(manifest);
            ManifestVerifier.checkTarget(manifest, deviceModel, installedSequence);
            progress.report(FirmwareUpdateState.DOWNLOADING, null);
            byte[] image = download(manifest, source);
            progress.report(FirmwareUpdateState.DOWNLOADED, null);
            progress.report(FirmwareUpdateState.VERIFIED, null);
            progress.report(FirmwareUpdateState.UPDATING, null);
            installer.install(manifest, image);
            progress.report(FirmwareUpdateState.UPDATED, null);
            return manifest;
        } catch (FirmwareRefusedException e) {
            progress.report(FirmwareUpdateState.FAILED, e.error().code());
            throw e;
        } catch (IOException e) {
            progress.report(FirmwareUpdateState.FAILED, "FIRMWARE_DOWNLOAD_FAILED");
            throw e;
        }
    }

    private byte[] download(FirmwareManifest manifest, ImageSource source) throws IOException, InterruptedException {
        ImageCheck check = new ImageCheck(manifest);
        byte[] image = new byte[Math.toIntExact(manifest.size())];
        int failures = 0;
        while (check.received() < manifest.size()) {
            int offset = (int) check.received();
            byte[] chunk;
            try {
                chunk = source.read(offset, Math.min(chunkBytes, image.length - offset));
            } catch (IOException e) {
                failures++;
                if (!retry.allowsRetry(failures)) {
                    throw e;
                }
                sleeper.sleep(retry.delay(failures, null));
                continue;
            }
            if (chunk.length == 0) {
                break;
            }
            check.update(chunk, 0, chunk.length);
            System.arraycopy(chunk, 0, image, offset, chunk.length);
            failures = 0;
        }
        check.finish();
        return image;
    }
}
