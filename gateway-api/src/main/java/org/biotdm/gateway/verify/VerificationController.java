package org.biotdm.gateway.verify;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.sql.SQLException;
import org.biotdm.gateway.access.DeviceAccess;
import org.biotdm.gateway.anchor.AnchoringConfiguration;
import org.biotdm.gateway.device.DeviceRegistry;
import org.biotdm.gateway.error.ApiException;
import org.biotdm.gateway.error.ErrorCode;
import org.biotdm.gateway.ledger.LedgerException;
import org.biotdm.gateway.query.QueryParameters;
import org.biotdm.gateway.users.ApiRole;
import org.biotdm.gateway.users.ApiUser;

/**
 * Serves {@link VerificationOperations}; JDBC and ledger calls block, so requests run on the blocking executor. Reading
 * contents in the answers are scoped to the caller's device access ({@code ContentScope}).
 */
@Secured({ApiRole.Names.AUDITOR, ApiRole.Names.ADMIN})
@Controller("/api/v1")
@Tag(name = "verification")
@ExecuteOn(TaskExecutors.BLOCKING)
@Requires(beans = {TelemetryVerifier.class, ReadingProofs.class})
class VerificationController implements VerificationOperations {
    private final TelemetryVerifier verifier;
    private final ReadingProofs proofs;
    private final int maxWindows;
    private final DeviceRegistry registry;
    private final DeviceAccess access;
    private final WindowContents windows;

    /**
     * Creates the controller.
     *
     * @param verifier the range verifier
     * @param proofs the proof builder
     * @param configuration the anchoring configuration ({@code verify-max-windows})
     * @param registry the device registry (whose readings are whose)
     * @param access who may read which device's contents
     * @param windows the windows' stored readings and leaves
     */
    public VerificationController(
            TelemetryVerifier verifier,
            ReadingProofs proofs,
            AnchoringConfiguration configuration,
            DeviceRegistry registry,
            DeviceAccess access,
            WindowContents windows) {
        this.verifier = verifier;
        this.proofs = proofs;
        this.maxWindows = configuration.verifyMaxWindows();
        this.registry = registry;
        this.access = access;
        this.windows = windows;
    }

    @Override
    public VerifyResponse verify(
            @Nullable String device, @Nullable String from, @Nullable String to, Authentication authentication) {
        long now = System.currentTimeMillis();
        if (from == null || from.isBlank()) {
            throw ApiException.invalid("from", "from is required");
        }
        long start = QueryParameters.time("from", from, 0);
        long end = QueryParameters.time("to", to, now);
        if (start >= end) {
            throw ApiException.invalid("from", "from must be before to");
        }
        if (verifier.windowCount(start, end) > maxWindows) {
            throw new ApiException(
                    ErrorCode.VERIFY_RANGE_TOO_LARGE,
                    "The range covers more than " + maxWindows + " anchoring windows; ask for a shorter one");
        }
        try {
            return scope(authentication)
                    .scope(verifier.verify(device == null || device.isBlank() ? null : device, start, end, now));
        } catch (SQLException e) {
            throw ApiException.databaseUnavailable(5, e);
        } catch (LedgerException e) {
            throw ledgerUnavailable(e);
        }
    }

    @Override
    public ReadingProofResponse proof(long id, Authentication authentication) {
        try {
            return scope(authentication).scope(proofs.proof(id));
        } catch (SQLException e) {
            throw ApiException.databaseUnavailable(5, e);
        } catch (LedgerException e) {
            throw ledgerUnavailable(e);
        }
    }

    @Override
    public WindowReadingsPage windowReadings(
            String windowId, @Nullable Long after, @Nullable Integer limit, Authentication authentication) {
        try {
            return windows.readings(
                    windowId,
                    after == null ? 0 : after,
                    limit == null ? WindowReadingsPage.DEFAULT_LIMIT : limit,
                    scope(authentication));
        } catch (SQLException e) {
            throw ApiException.databaseUnavailable(5, e);
        }
    }

    @Override
    public WindowLeavesPage windowLeaves(
            String windowId, @Nullable Long from, @Nullable Integer limit, Authentication authentication) {
        try {
            return windows.leaves(
                    windowId, from == null ? 0 : from, limit == null ? WindowReadingsPage.DEFAULT_LIMIT : limit);
        } catch (SQLException e) {
            throw ApiException.databaseUnavailable(5, e);
        }
    }

    private ContentScope scope(Authentication authentication) {
        return new ContentScope(registry, access, ApiUser.from(authentication));
    }

    private static ApiException ledgerUnavailable(LedgerException e) {
        return new ApiException(
                ErrorCode.LEDGER_UNAVAILABLE,
                "The ledger cannot be read right now; retry later",
                e.transactionId(),
                5,
                e);
    }
}
