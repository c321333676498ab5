package org.biotdm.cli.devices;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.biotdm.cli.OwnerOnlyFiles;

/**
 * The factory's file of claim tokens, {@code deviceId,claimToken} per line after a header, and the import's memory of
 * which token each device was given. It is created owner-only ({@code rw-------}) from its first byte and only ever
 * appended to: a device's token is generated (32 bytes of {@link SecureRandom}, base64url without padding, as the
 * gateway's own registration makes them) and written here, forced to disk, <em>before</em> its SHA-256 is sent to the
 * gateway. So a lost answer, a crash or a re-run of the import finds the token here and sends the same hash again,
 * which the gateway answers {@code EXISTS}: a token is never reissued, and never known only to the ledger.
 *
 * <p>Not thread-safe: one import writes it.
 */
public final class ClaimTokenFile implements AutoCloseable {
    /** The first line. */
    public static final String HEADER = "deviceId,claimToken";

    private static final int TOKEN_BYTES = 32;
    private static final Set<PosixFilePermission> OWNER_ONLY =
            Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

    private final Path file;
    private final FileChannel channel;
    private final Map<String, String> tokens;
    private final SecureRandom random = new SecureRandom();

    private ClaimTokenFile(Path file, FileChannel channel, Map<String, String> tokens) {
        this.file = file;
        this.channel = channel;
        this.tokens = tokens;
    }

    /**
     * Opens the file, creating it owner-only when it does not exist, and reads the tokens it holds.
     *
     * @param file the file
     * @return the open file
     * @throws IOException when it cannot be created or read, when it is readable or writable by others than its owner
     *     (its tokens may have leaked: the message says so), or when a line is not {@code deviceId,claimToken}
     */
    public static ClaimTokenFile open(Path file) throws IOException {
        boolean created = !Files.exists(file);
        OwnerOnlyFiles.createFile(file);
        checkOwnerOnly(file);
        Map<String, String> tokens = created ? new HashMap<>() : parse(file);
        FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        ClaimTokenFile tokenFile = new ClaimTokenFile(file, channel, tokens);
        if (Files.size(file) == 0) {
            tokenFile.append(HEADER + "\n");
        }
        return tokenFile;
    }

    /**
     * Returns the file.
     *
     * @return its path
     */
    public Path path() {
        return file;
    }

    /**
     * Returns a device's token if the file holds one.
     *
     * @param deviceId the device
     * @return its token, empty when it has none yet
     */
    public Optional<String> find(String deviceId) {
        return Optional.ofNullable(tokens.get(deviceId));
    }

    /**
     * Returns the token of every device, generating and writing (then forcing to disk) those the file does not hold
     * yet, in one append.
     *
     * @param deviceIds the devices
     * @return each device's token
     * @throws IOException when the file cannot be written; then no new token is returned
     */
    public Map<String, String> tokensFor(List<String> deviceIds) throws IOException {
        StringBuilder lines = new StringBuilder();
        Map<String, String> fresh = new HashMap<>();
        Map<String, String> result = new HashMap<>();
        for (String deviceId : deviceIds) {
            String token = tokens.get(deviceId);
            if (token == null) {
                token = fresh.computeIfAbsent(deviceId, id -> newToken());
                lines.append(deviceId).append(',').append(token).append('\n');
            }
            result.put(deviceId, token);
        }
        if (!lines.isEmpty()) {
            append(lines.toString());
            tokens.putAll(fresh);
        }
        return result;
    }

    /**
     * Returns the lowercase hex SHA-256 of a token's UTF-8 bytes, what the gateway stores as {@code claimTokenSha256}.
     *
     * @param token the token
     * @return 64 hex digits
     */
    public static String sha256Hex(String token) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is unavailable", e);
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    private void append(String text) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
        while (bytes.hasRemaining()) {
            channel.write(bytes);
        }
        channel.force(false);
    }

    private String newToken() {
        byte[] bytes = new byte[TOKEN_BYTES];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static void checkOwnerOnly(Path file) throws IOException {
        if (!file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return;
        }
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
        if (!OWNER_ONLY.containsAll(permissions)) {
            throw new IOException(file + " is readable or writable by others ("
                    + java.nio.file.attribute.PosixFilePermissions.toString(permissions)
                    + "): its claim tokens may have leaked; check who read it, then chmod 600 it");
        }
    }

    private static Map<String, String> parse(Path file) throws IOException {
        Map<String, String> tokens = new HashMap<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isEmpty() || i == 0 && HEADER.equals(line)) {
                continue;
            }
            int comma = line.indexOf(',');
            if (comma <= 0 || comma == line.length() - 1 || line.indexOf(',', comma + 1) >= 0) {
                throw new IOException(file + " line " + (i + 1) + " is not deviceId,claimToken");
            }
            tokens.putIfAbsent(line.substring(0, comma), line.substring(comma + 1));
        }
        return tokens;
    }
}
