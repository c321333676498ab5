package org.biotdm.device.sdk;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.biotdm.protocol.cluster.ClusterError;
import org.biotdm.protocol.cluster.ClusterRefusedException;
import org.biotdm.protocol.cluster.KeyGrant;
import org.biotdm.protocol.signature.EcdsaP256;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;

/**
 * Asks the gateway's device port, over the asking device's mutual-TLS transport: {@code GET
 * /device/v1/cluster/members/{deviceId}} and {@code POST /device/v1/cluster/grants}. A {@code CLUSTER_*} refusal
 * becomes a {@link ClusterRefusedException} with the same code; anything else stays a {@link DeviceApiException}.
 */
public final class GatewayClusterDirectory implements ClusterDirectory {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final DeviceTransport transport;

    /**
     * Creates the directory.
     *
     * @param transport the asking device's transport to the device port
     */
    public GatewayClusterDirectory(DeviceTransport transport) {
        this.transport = transport;
    }

    @Override
    public ECPublicKeyParameters memberKey(String deviceId) {
        Map<String, Object> answer =
                call(new DeviceRequest("GET", "/device/v1/cluster/members/" + deviceId, null, TIMEOUT));
        ECPublicKeyParameters key = EcdsaP256.publicKeyFromPem(Json.textField(answer, "publicKeyPem"));
        if (key == null) {
            throw new ClusterRefusedException(ClusterError.CLUSTER_MEMBER_UNKNOWN, "no usable key for " + deviceId);
        }
        return key;
    }

    @Override
    public String recordGrant(KeyGrant grant) {
        String body = "{\"keyId\":\"" + grant.keyIdHex() + "\",\"memberA\":" + Json.string(grant.first())
                + ",\"memberB\":" + Json.string(grant.second()) + ",\"issuedAt\":" + grant.issuedAt()
                + ",\"expiresAt\":" + grant.expiresAt() + "}";
        Map<String, Object> answer = call(
                new DeviceRequest("POST", "/device/v1/cluster/grants", body.getBytes(StandardCharsets.UTF_8), TIMEOUT));
        return Json.textField(answer, "grantSha256");
    }

    private Map<String, Object> call(DeviceRequest request) {
        DeviceResponse response;
        try {
            response = transport.exchange(request).join();
        } catch (CompletionException e) {
            throw new UncheckedIOException(new IOException("no answer from the gateway", e.getCause()));
        }
        if (response.status() != 200) {
            DeviceApiException refusal = DeviceApiException.from(response);
            for (ClusterError error : ClusterError.values()) {
                if (error.code().equals(refusal.code())) {
                    throw new ClusterRefusedException(error, refusal.getMessage());
                }
            }
            throw refusal;
        }
        try {
            return Json.parseObject(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
