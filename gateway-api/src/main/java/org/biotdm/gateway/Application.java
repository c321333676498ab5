package org.biotdm.gateway;

import io.micronaut.runtime.Micronaut;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.info.License;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.security.SecurityScheme;

/**
 * Starts the BIoT-DM gateway API. The OpenAPI document is generated from the controllers at build time
 * (micronaut-openapi) and served at {@code /swagger/biotdm-gateway-<version>.yml}, with Swagger UI at {@code
 * /swagger-ui/}.
 */
@OpenAPIDefinition(
        info =
                @Info(
                        title = "BIoT-DM gateway API",
                        version = "0.1.0",
                        description = "Devices, grants, commands, telemetry, alerts, anchoring and audit of a BIoT-DM"
                                + " consortium on Hyperledger Fabric. Sign in with POST /api/v1/auth/login and send the"
                                + " access token as a Bearer token. Device routes (/device/v1/**) are served on the device"
                                + " port with mutual TLS.",
                        license = @License(name = "Apache-2.0")),
        security = @SecurityRequirement(name = "bearer"))
@SecurityScheme(name = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT")
public final class Application {
    private Application() {}

    /**
     * Runs the service.
     *
     * @param args command-line arguments, passed to Micronaut (for example {@code -micronaut.server.port=8080})
     */
    public static void main(String[] args) {
        Micronaut.run(Application.class, args);
    }
}
