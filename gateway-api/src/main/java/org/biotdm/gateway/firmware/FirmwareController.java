package org.biotdm.gateway.firmware;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.InputStream;
import java.util.List;
import org.biotdm.gateway.error.LedgerExceptionHandler;
import org.biotdm.gateway.ledger.LedgerException;
import org.biotdm.gateway.users.ApiRole;
import org.biotdm.gateway.users.ApiUser;
import org.biotdm.gateway.users.UserLedgerIdentities;

/** Serves {@link FirmwareOperations}; uploads stream to disk and ledger calls block, so requests run blocking. */
@Tag(name = "Firmware")
@Controller("/api/v1")
@ExecuteOn(TaskExecutors.BLOCKING)
class FirmwareController implements FirmwareOperations {
    private static final int DEFAULT_LIMIT = 100;

    private final FirmwareService firmware;
    private final FirmwareLedger ledger;
    private final UserLedgerIdentities identities;

    /**
     * Creates the controller.
     *
     * @param firmware publishes and lists firmware
     * @param ledger the firmware contract (signing keys)
     * @param identities the people's own Fabric identities
     */
    public FirmwareController(FirmwareService firmware, FirmwareLedger ledger, UserLedgerIdentities identities) {
        this.firmware = firmware;
        this.ledger = ledger;
        this.identities = identities;
    }

    @Override
    @Secured(ApiRole.Names.ADMIN)
    public HttpResponse<FirmwareImageRow> upload(
            Authentication authentication, String model, @Nullable String manifest, InputStream image) {
        return HttpResponse.status(HttpStatus.CREATED)
                .body(firmware.upload(ApiUser.from(authentication), model, manifest, image));
    }

    @Override
    @Secured({ApiRole.Names.ADMIN, ApiRole.Names.OPERATOR, ApiRole.Names.AUDITOR})
    public List<FirmwareImageRow> list(Authentication authentication, @Nullable String model, @Nullable Integer limit) {
        return firmware.list(model, limit == null ? DEFAULT_LIMIT : limit);
    }

    @Override
    @Secured(ApiRole.Names.ADMIN)
    public FirmwareImageRow revoke(Authentication authentication, RevokeFirmwareRequest request) {
        return firmware.revoke(ApiUser.from(authentication), request);
    }

    @Override
    @Secured(ApiRole.Names.ADMIN)
    public HttpResponse<LedgerSigningKey> registerSigningKey(
            Authentication authentication, RegisterSigningKeyRequest request) {
        try {
            LedgerSigningKey key = ledger.registerSigningKey(
                    identities.identityOf(ApiUser.from(authentication)), request.publicKeyPem());
            return HttpResponse.status(HttpStatus.CREATED).body(key);
        } catch (LedgerException e) {
            throw LedgerExceptionHandler.toApiException(e);
        }
    }

    @Override
    @Secured({ApiRole.Names.ADMIN, ApiRole.Names.OPERATOR, ApiRole.Names.AUDITOR})
    public List<LedgerSigningKey> signingKeys(Authentication authentication, String manufacturerMsp) {
        try {
            return ledger.signingKeys(manufacturerMsp);
        } catch (LedgerException e) {
            throw LedgerExceptionHandler.toApiException(e);
        }
    }
}
