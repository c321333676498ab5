package org.biotdm.gateway.device;

import io.grpc.ManagedChannel;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.biotdm.devnet.Devnet;
import org.biotdm.devnet.msp.SigningIdentity;
import org.biotdm.gateway.testing.TestDevnet;
import org.hyperledger.fabric.client.Contract;
import org.hyperledger.fabric.client.Gateway;
import org.hyperledger.fabric.client.GatewayException;
import org.hyperledger.fabric.client.Hash;
import org.hyperledger.fabric.client.Proposal;
import org.hyperledger.fabric.client.SubmittedTransaction;
import org.hyperledger.fabric.client.identity.Signers;
import org.hyperledger.fabric.client.identity.X509Identity;

/**
 * An organisation administrator of the test dev network acting through the fabric-gateway client directly (not
 * through the gateway service): registers devices and changes their lifecycle, as the admin API of part 2 will.
 */
public final class DevnetAdmin implements AutoCloseable {
    private final ManagedChannel channel;
    private final Gateway gateway;
    private final Contract devices;
    private final Contract groups;
    private final SigningIdentity identity;

    private DevnetAdmin(ManagedChannel channel, Gateway gateway, SigningIdentity identity) {
        this.channel = channel;
        this.gateway = gateway;
        this.identity = identity;
        var network = gateway.getNetwork(TestDevnet.get().config().channelId());
        this.devices = network.getContract(TestDevnet.CHAINCODE, "devices");
        this.groups = network.getContract(TestDevnet.CHAINCODE, "groups");
    }

    /**
     * Connects organisation {@code orgIndex}'s admin ({@code biotdm.role=admin}) to that organisation's peer.
     *
     * @param orgIndex 0 for Org1MSP
     * @return the admin client
     */
    public static DevnetAdmin connect(int orgIndex) {
        Devnet devnet = TestDevnet.get();
        SigningIdentity admin = devnet.crypto().orgs().get(orgIndex).admin();
        ManagedChannel channel = devnet.endpoints().get(orgIndex).openChannel();
        Gateway gateway = Gateway.newInstance()
                .identity(new X509Identity(admin.mspId(), admin.certificate()))
                .signer(Signers.newPrivateKeySigner(admin.privateKey()))
                .hash(Hash.SHA256)
                .connection(channel)
                .endorseOptions(o -> o.withDeadlineAfter(30, TimeUnit.SECONDS))
                .commitStatusOptions(o -> o.withDeadlineAfter(60, TimeUnit.SECONDS))
                .connect();
        return new DevnetAdmin(channel, gateway, admin);
    }

    /**
     * Returns the admin's signing identity.
     *
     * @return the identity
     */
    public SigningIdentity identity() {
        return identity;
    }

    /**
     * Registers a device for zero-touch provisioning with the SHA-256 of a claim token.
     *
     * @param deviceId the device ID
     * @param claimToken the raw token; its UTF-8 bytes are hashed
     * @param metadata device metadata, for example a claim expiry
     * @return the transaction ID
     * @throws GatewayException when the chaincode refuses
     */
    public String registerWithClaimToken(String deviceId, String claimToken, Map<String, String> metadata)
            throws GatewayException {
        String metadataJson = metadata.isEmpty() ? "" : ",\"metadata\":" + json(metadata);
        return submit(
                "RegisterDevice",
                "{\"deviceId\":\"" + deviceId + "\",\"deviceType\":\"env-sensor\",\"model\":\"Org1MSP/env-sensor\","
                        + "\"firmwareVersion\":\"1.0.0\",\"group\":\"lab\"" + metadataJson
                        + ",\"claimTokenSha256\":\"" + sha256Hex(claimToken.getBytes(StandardCharsets.UTF_8)) + "\"}");
    }

    /**
     * Registers devices for zero-touch provisioning in one {@code RegisterDevices} transaction, all with the SHA-256
     * of one claim token.
     *
     * @param deviceIds the device IDs
     * @param claimToken the raw token; its UTF-8 bytes are hashed
     * @return the transaction ID
     * @throws GatewayException when the chaincode refuses the whole batch
     */
    public String registerBatchWithClaimToken(List<String> deviceIds, String claimToken) throws GatewayException {
        String hash = sha256Hex(claimToken.getBytes(StandardCharsets.UTF_8));
        List<String> items = deviceIds.stream()
                .map(id -> "{\"deviceId\":\"" + id
                        + "\",\"deviceType\":\"env-sensor\",\"model\":\"Org1MSP/env-sensor\","
                        + "\"firmwareVersion\":\"1.0.0\",\"group\":\"lab\",\"claimTokenSha256\":\"" + hash + "\"}")
                .toList();
        return submit("RegisterDevices", "{\"devices\":[" + String.join(",", items) + "]}");
    }

    /**
     * Registers a device with its key and a certificate fingerprint.
     *
     * @param deviceId the device ID
     * @param publicKey the device's P-256 public key
     * @param certFingerprint the certificate fingerprint (64 lowercase hex digits)
     * @return the transaction ID
     * @throws GatewayException when the chaincode refuses
     */
    public String registerWithKey(String deviceId, PublicKey publicKey, String certFingerprint)
            throws GatewayException {
        String pem = "-----BEGIN PUBLIC KEY-----\\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'})
                        .encodeToString(publicKey.getEncoded())
                        .replace("\n", "\\n")
                + "\\n-----END PUBLIC KEY-----\\n";
        return submit(
                "RegisterDevice",
                "{\"deviceId\":\"" + deviceId + "\",\"deviceType\":\"env-sensor\",\"model\":\"Org1MSP/env-sensor\","
                        + "\"firmwareVersion\":\"1.0.0\",\"group\":\"lab\",\"publicKeyPem\":\"" + pem
                        + "\",\"certFingerprint\":\"" + certFingerprint + "\"}");
    }

    /**
     * Submits a lifecycle transaction ({@code ActivateDevice}, {@code SuspendDevice}, {@code ReactivateDevice},
     * {@code DecommissionDevice}).
     *
     * @param transaction the transaction name
     * @param deviceId the device ID
     * @return the transaction ID
     * @throws GatewayException when the chaincode refuses
     */
    public String lifecycle(String transaction, String deviceId) throws GatewayException {
        return submit(transaction, "{\"deviceId\":\"" + deviceId + "\",\"reason\":\"integration test\"}");
    }

    /**
     * Reads a device as the admin.
     *
     * @param deviceId the device ID
     * @return the record JSON
     * @throws GatewayException when the chaincode refuses
     */
    public String getDevice(String deviceId) throws GatewayException {
        return new String(devices.evaluateTransaction("GetDevice", deviceId), StandardCharsets.UTF_8);
    }

    /**
     * Submits a transaction of the {@code groups} contract as the admin.
     *
     * @param transaction the transaction name, for example {@code CreateGroup}
     * @param argument its JSON argument
     * @return the transaction ID
     * @throws GatewayException when the chaincode refuses
     */
    public String groups(String transaction, String argument) throws GatewayException {
        return submit(groups, transaction, argument);
    }

    private String submit(String transaction, String argument) throws GatewayException {
        return submit(devices, transaction, argument);
    }

    private static String submit(Contract contract, String transaction, String argument) throws GatewayException {
        Proposal proposal =
                contract.newProposal(transaction).addArguments(argument).build();
        SubmittedTransaction submitted = proposal.endorse().submitAsync();
        if (!submitted.getStatus().isSuccessful()) {
            throw new IllegalStateException(
                    transaction + " was invalidated: " + submitted.getStatus().getCode());
        }
        return submitted.getTransactionId();
    }

    /**
     * Returns the lowercase hex SHA-256 of some bytes.
     *
     * @param bytes the input
     * @return 64 hex digits
     */
    public static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String json(Map<String, String> values) {
        StringBuilder text = new StringBuilder("{");
        values.forEach((k, v) -> text.append(text.length() > 1 ? "," : "")
                .append('"')
                .append(k)
                .append("\":\"")
                .append(v)
                .append('"'));
        return text.append('}').toString();
    }

    @Override
    public void close() {
        gateway.close();
        channel.shutdownNow();
    }
}
