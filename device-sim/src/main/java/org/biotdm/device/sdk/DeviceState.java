package org.biotdm.device.sdk;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.biotdm.protocol.name.DeviceIds;

/**
 * A device's state directory: everything that must survive a restart.
 *
 * <pre>
 * device-id        the device ID (checked on every open)
 * device-key.pem   the P-256 private key, PKCS#8, mode 600 where POSIX permissions exist
 * device-cert.pem  the certificate from provisioning (present once provisioned)
 * ca-cert.pem      the device CA's certificate
 * seq              the sequence store ({@link SequenceStore})
 * buffer/          unacknowledged batches ({@link FileBatchBuffer})
 * configuration.json  the configuration the device applied last, canonical JSON ({@link DeviceConfigurations})
 * </pre>
 *
 * Files are written to a temporary name and renamed into place. Not thread-safe: one device, one owner.
 */
public final class DeviceState {
    private static final String KEY = "device-key.pem";
    private static final String CERT = "device-cert.pem";
    private static final String CA = "ca-cert.pem";
    private static final String CONFIGURATION = "configuration.json";

    private final Path directory;
    private final String deviceId;
    private DeviceKeys keys;

    private DeviceState(Path directory, String deviceId) {
        this.directory = directory;
        this.deviceId = deviceId;
    }

    /**
     * Opens (or creates) a device's state directory.
     *
     * @param directory the directory
     * @param deviceId the device ID, {@code [A-Za-z0-9][A-Za-z0-9._-]{0,63}}
     * @return the state
     * @throws IOException when the directory cannot be created, or belongs to another device
     */
    public static DeviceState open(Path directory, String deviceId) throws IOException {
        DeviceIds.check(deviceId);
        Files.createDirectories(directory);
        Path idFile = directory.resolve("device-id");
        if (Files.exists(idFile)) {
            String stored = Files.readString(idFile, StandardCharsets.UTF_8).trim();
            if (!stored.equals(deviceId)) {
                throw new IOException("State directory " + directory + " belongs to device " + stored);
            }
        } else {
            writeAtomically(idFile, deviceId + "\n", false);
        }
        return new DeviceState(directory, deviceId);
    }

    /**
     * Returns the device ID.
     *
     * @return the ID
     */
    public String deviceId() {
        return deviceId;
    }

    /**
     * Returns the directory.
     *
     * @return the path
     */
    public Path directory() {
        return directory;
    }

    /**
     * Returns the device key, generating and storing a new one on first use.
     *
     * @return the keys
     * @throws IOException when the key file cannot be read or written
     */
    public DeviceKeys keys() throws IOException {
        if (keys == null) {
            Path file = directory.resolve(KEY);
            if (Files.exists(file)) {
                keys = DeviceKeys.fromPem(Files.readString(file, StandardCharsets.US_ASCII));
            } else {
                DeviceKeys generated = DeviceKeys.generate();
                writeAtomically(file, generated.privateKeyPem(), true);
                keys = generated;
            }
        }
        return keys;
    }

    /**
     * Tells whether the device holds a certificate.
     *
     * @return true once {@link #storeCertificate} ran
     */
    public boolean isProvisioned() {
        return Files.exists(directory.resolve(CERT));
    }

    /**
     * Stores the certificate provisioning returned.
     *
     * @param certificatePem the device certificate, PEM
     * @param caCertificatePem the device CA's certificate, PEM, or null
     * @throws IOException when it cannot be written
     */
    public void storeCertificate(String certificatePem, String caCertificatePem) throws IOException {
        Objects.requireNonNull(certificatePem, "certificatePem");
        DeviceTls.certificates(certificatePem);
        if (caCertificatePem != null) {
            writeAtomically(directory.resolve(CA), caCertificatePem, false);
        }
        writeAtomically(directory.resolve(CERT), certificatePem, false);
    }

    /**
     * Returns the key and certificate chain for mutual TLS.
     *
     * @return the credentials
     * @throws IOException when the device is not provisioned or the files are unreadable
     */
    public DeviceCredentials credentials() throws IOException {
        if (!isProvisioned()) {
            throw new IOException("Device " + deviceId + " is not provisioned");
        }
        List<X509Certificate> chain =
                new ArrayList<>(DeviceTls.certificates(Files.readString(directory.resolve(CERT))));
        Path ca = directory.resolve(CA);
        if (Files.exists(ca)) {
            chain.addAll(DeviceTls.certificates(Files.readString(ca)));
        }
        return new DeviceCredentials(keys(), chain);
    }

    /**
     * Opens the persisted sequence numbers.
     *
     * @param block numbers reserved per forced write ({@link SequenceStore#DEFAULT_BLOCK})
     * @return the store
     * @throws IOException when the file is unreadable
     */
    public SequenceStore sequence(int block) throws IOException {
        return SequenceStore.open(directory.resolve("seq"), block);
    }

    /**
     * Opens the durable batch buffer.
     *
     * @param force whether writes are forced to disk (see {@link FileBatchBuffer#open})
     * @return the buffer with what a previous run left
     * @throws IOException when the directory is unreadable
     */
    public FileBatchBuffer buffer(boolean force) throws IOException {
        return FileBatchBuffer.open(directory.resolve("buffer"), force);
    }

    /**
     * Stores the configuration the device applied, replacing the previous one in one rename.
     *
     * @param canonicalJson the configuration's canonical JSON ({@code protocol/json-v1.md})
     * @throws IOException when it cannot be written
     */
    public void storeConfiguration(String canonicalJson) throws IOException {
        writeAtomically(directory.resolve(CONFIGURATION), canonicalJson, false);
    }

    /**
     * Returns the configuration the device applied last.
     *
     * @return its canonical JSON, or empty before the first
     * @throws IOException when the file is unreadable
     */
    public Optional<String> configuration() throws IOException {
        Path file = directory.resolve(CONFIGURATION);
        return Files.exists(file) ? Optional.of(Files.readString(file, StandardCharsets.UTF_8)) : Optional.empty();
    }

    private static void writeAtomically(Path file, String text, boolean secret) throws IOException {
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(temporary);
        if (secret && FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            // Created owner-only, so the device key is never readable by others, not even before a chmod.
            Files.createFile(
                    temporary, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        Files.writeString(temporary, text, StandardCharsets.UTF_8);
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
