package org.biotdm.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import org.biotdm.device.sim.ClaimTokenSource;

/**
 * Registers devices for zero-touch provisioning through the gateway's device admin API ({@code POST
 * /api/v1/devices}, as an admin of the first organisation) and hands their one-time claim tokens to the simulator,
 * which sends each token with the device's CSR to {@code POST /device/v1/provision}. Thread-safe: registrations run
 * concurrently, sharing one {@link ApiSession}.
 */
public final class DeviceRegistrar implements ClaimTokenSource {
    private final ApiSession session;
    private final String mspId;
    private final Function<String, String> deviceTypeOf;
    private final String group;

    /**
     * Creates the registrar.
     *
     * @param api the gateway's API
     * @param admin the admin's login, asked for on first use
     * @param mspId the admin's organisation (the manufacturer in the devices' model)
     * @param deviceTypeOf each device's type, for example {@code wsn-mote}, by device ID
     * @param group the devices' group, for example {@code demo}
     */
    public DeviceRegistrar(
            ApiClient api,
            Supplier<Credentials.Login> admin,
            String mspId,
            Function<String, String> deviceTypeOf,
            String group) {
        this.session = new ApiSession(api, admin);
        this.mspId = mspId;
        this.deviceTypeOf = deviceTypeOf;
        this.group = group;
    }

    /**
     * Creates a registrar signing in as the admin of an organisation recorded in a stack's credentials.
     *
     * @param api the gateway's API
     * @param credentials the stack's credentials, holding {@code <mspId>.admin}
     * @param mspId the organisation
     * @param deviceTypeOf each device's type, by device ID
     * @param group the devices' group
     * @return the registrar; a missing admin fails the first registration ({@code NoSuchElementException})
     */
    public static DeviceRegistrar asAdmin(
            ApiClient api, Credentials credentials, String mspId, Function<String, String> deviceTypeOf, String group) {
        return new DeviceRegistrar(
                api, () -> credentials.find(mspId, "admin").orElseThrow(), mspId, deviceTypeOf, group);
    }

    /**
     * Registers the device and returns its claim token.
     *
     * @param deviceId the device ID
     * @return the claim token
     * @throws IOException when the device cannot be registered, for example because it exists already but its key
     *     is not in this data directory ({@code DEVICE_EXISTS})
     */
    @Override
    public String claimToken(String deviceId) throws IOException {
        String deviceType = deviceTypeOf.apply(deviceId);
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("deviceId", deviceId);
        request.put("deviceType", deviceType);
        request.put("model", mspId + "/" + deviceType);
        request.put("firmwareVersion", "1.0.0");
        request.put("group", group);
        try {
            JsonNode answer = registerAsAdmin(request);
            return answer.path("claimToken").asText();
        } catch (ApiClient.ApiError e) {
            throw new IOException("Cannot register device " + deviceId + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while registering device " + deviceId, e);
        }
    }

    private JsonNode registerAsAdmin(Map<String, Object> request) throws IOException, InterruptedException {
        return session.post("/api/v1/devices", request);
    }
}
