package org.biotdm.gateway.firmware;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.serde.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.biotdm.gateway.ingress.DeviceCredentials;
import org.biotdm.gateway.ingress.DevicePort;
import org.biotdm.gateway.testing.Route;
import org.biotdm.gateway.testing.TestUsers;
import org.biotdm.protocol.firmware.FirmwareManifest;
import org.biotdm.protocol.firmware.FirmwareReceipt;
import org.biotdm.protocol.signature.EcdsaP256;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;

/**
 * A manufacturer's firmware-signing key and the requests of firmware tests: signed manifests, uploads to the API port,
 * and a device's side of an update on the device port (range downloads, state reports, the signed installation
 * receipt).
 */
final class FirmwareFixture {
    /** The model the dev network's test devices are registered with ({@code DevnetAdmin.registerWithKey}). */
    static final String MODEL = "Org1MSP/env-sensor";

    private final ApplicationContext context;
    private final HttpClient api =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final ECPrivateKeyParameters signingKey;
    private final String signingKeyPem;

    /** Bodies above this are sent with {@code Expect: 100-continue}. */
    private static final int LARGE_BODY = 1 << 20;

    FirmwareFixture(ApplicationContext context) {
        this.context = context;
        KeyPair pair = newKeyPair();
        this.signingKey = new ECPrivateKeyParameters(((ECPrivateKey) pair.getPrivate()).getS(), EcdsaP256.DOMAIN);
        this.signingKeyPem = "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'})
                        .encodeToString(pair.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
    }

    /** The PEM public key of the fixture's signing key. */
    String signingKeyPem() {
        return signingKeyPem;
    }

    /** A manifest of an image, signed by the fixture's key (or by {@code other} when given). */
    FirmwareManifest manifest(String model, String version, long sequence, byte[] image) {
        FirmwareManifest unsigned = new FirmwareManifest(
                model,
                version,
                sequence,
                image.length,
                HexFormat.of().formatHex(EcdsaP256.sha256(image)),
                org.biotdm.protocol.firmware.SigningKey.keyId(signingKeyPem),
                null);
        return unsigned.withSignature(Base64.getEncoder().encodeToString(EcdsaP256.sign(signingKey, unsigned.bytes())));
    }

    /** An image of {@code size} bytes, different for each seed. */
    static byte[] image(int size, int seed) {
        byte[] image = new byte[size];
        for (int i = 0; i < size; i++) {
            image[i] = (byte) (i * 31 + seed);
        }
        return image;
    }

    /** POSTs a JSON body to a people route. */
    HttpResponse<String> post(TestUsers.Session person, String name, Map<String, ?> values, String body) {
        return send(person, route(name), values, body.getBytes(UTF_8), null);
    }

    /** Uploads an image with a manifest (or a raw header value) as an admin. */
    HttpResponse<String> upload(TestUsers.Session admin, String model, Object manifest, byte[] image) {
        String header = manifest instanceof FirmwareManifest m
                ? Base64.getEncoder().encodeToString(json(m.toFields()).getBytes(UTF_8))
                : (String) manifest;
        return send(admin, route("upload"), Map.of("model", model), image, header);
    }

    /** A route of {@link FirmwareOperations}, under its controller's path. */
    private static Route route(String name) {
        return Route.of(FirmwareController.class, name);
    }

    private HttpResponse<String> send(
            TestUsers.Session person, Route route, Map<String, ?> values, byte[] body, String manifest) {
        URI server = context.getBean(EmbeddedServer.class).getURI();
        HttpRequest.Builder request = route.request(server, values, body).header("Authorization", person.bearer());
        request.setHeader("Content-Type", manifest == null ? "application/json" : "application/octet-stream");
        // A body over the server's limit is answered before it is sent, rather than cut off while it is written.
        request.expectContinue(body.length > LARGE_BODY);
        if (manifest != null) {
            request.header(FirmwareOperations.MANIFEST_HEADER, manifest);
        }
        try {
            return api.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Downloads one range of an image as a device. */
    HttpResponse<byte[]> download(DeviceCredentials device, String sha256, String range) throws Exception {
        var port = context.getBean(org.biotdm.gateway.ingress.DeviceIngressServer.class)
                .port();
        var certificate = context.getBean(org.biotdm.gateway.ingress.DeviceIngressCertificates.class)
                .serverCertificate();
        HttpRequest.Builder request = HttpRequest.newBuilder(
                URI.create("https://localhost:" + port + DeviceFirmwareOperations.IMAGE_PATH + sha256));
        if (range != null) {
            request.header("Range", range);
        }
        return device.httpClient(certificate).send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** The device port's firmware API as a device. */
    DeviceFirmwareOperations device(DeviceCredentials device) {
        return DevicePort.as(device, context).client(DeviceFirmwareOperations.class);
    }

    /** Signs a device's installation receipt. */
    static FirmwareReceiptRequest receipt(String campaignId, DeviceCredentials device, FirmwareManifest manifest) {
        byte[] signature =
                device.sign(FirmwareReceipt.of(device.deviceId(), manifest).bytes());
        return new FirmwareReceiptRequest(campaignId, Base64.getEncoder().encodeToString(signature));
    }

    /** The upload of a manifest whose signature the wrong key made. */
    FirmwareManifest signedByAnotherKey(FirmwareManifest manifest) {
        ECPrivateKeyParameters other = new ECPrivateKeyParameters(BigInteger.valueOf(123_456_789L), EcdsaP256.DOMAIN);
        return manifest.withSignature(Base64.getEncoder().encodeToString(EcdsaP256.sign(other, manifest.bytes())));
    }

    String json(Object value) {
        try {
            return context.getBean(ObjectMapper.class).writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Map<String, Object> read(String text) {
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> map = context.getBean(ObjectMapper.class).readValue(text, Map.class);
            return map;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A campaign request on listed devices. */
    static CreateCampaignRequest campaign(
            String id, String version, List<String> deviceIds, int rate, int firstStage, int threshold, int min) {
        return new CreateCampaignRequest(
                id, MODEL, version, "DEVICES", deviceIds, null, rate, firstStage, threshold, min, null);
    }

    private static KeyPair newKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
