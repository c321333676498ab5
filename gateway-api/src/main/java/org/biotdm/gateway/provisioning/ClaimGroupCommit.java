package org.biotdm.gateway.provisioning;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.biotdm.gateway.device.DeviceChange;
import org.biotdm.gateway.device.DeviceLedger;
import org.biotdm.gateway.device.LedgerBatch;
import org.biotdm.gateway.ledger.Gathering;
import org.biotdm.gateway.ledger.LedgerException;

/**
 * Group commit of claims: concurrent {@link #claim} calls are gathered for up to {@code biotdm.claim-commit.linger}
 * after the first one into one {@code ClaimDevices} transaction of at most {@value DeviceLedger#MAX_BATCH} claims, and
 * each caller gets what a {@code ClaimDevice} of its own would have given: the claimed record with the batch's
 * receipt, or a {@link LedgerException} with the code that ClaimDevice's refusal maps to.
 *
 * <p>The batch goes through {@code LedgerClient.submit}, so a batch invalidated by an MVCC read conflict is endorsed
 * again as a new transaction (its items wrote nothing), and a failure of the whole transaction (unknown commit
 * outcome, ledger unavailable, conflict after the retries) reaches every caller of the batch, who resolves it as it
 * would a single claim's (ProvisioningService re-reads the device on an unknown outcome). Two claims of one device in
 * the same gathering go to consecutive batches, as the chaincode refuses a repeated id within one.
 *
 * <p>{@code biotdm.claim-commit.committers} threads each gather and submit a batch, so that one batch gathers while
 * others wait for their block ({@link Gathering}, which also bounds the waiting claims and refuses a claim beyond with
 * {@code LEDGER_UNAVAILABLE}).
 */
@Singleton
public class ClaimGroupCommit implements AutoCloseable {
    private final Gathering<DeviceLedger.Claim, DeviceChange> gathering;

    /**
     * Creates the group commit; its threads start with the first claim.
     *
     * @param ledger the device ledger
     * @param configuration the linger and committer count
     */
    public ClaimGroupCommit(DeviceLedger ledger, ClaimCommitConfiguration configuration) {
        this.gathering = new Gathering<>(
                "claim-commit",
                DeviceLedger.Claim::deviceId,
                (claims, outcomes) -> submit(ledger, claims, outcomes),
                configuration.linger(),
                DeviceLedger.MAX_BATCH,
                configuration.committers());
    }

    /**
     * Claims a device in the next batch and waits for that batch's outcome.
     *
     * @param claim the claim
     * @return the claimed record and the batch's transaction
     * @throws LedgerException the item's refusal (every code of ClaimDevice), or the whole batch's ledger failure
     */
    public DeviceChange claim(DeviceLedger.Claim claim) throws LedgerException {
        return gathering.call(claim);
    }

    @PreDestroy
    @Override
    public void close() {
        gathering.close();
    }

    private static void submit(
            DeviceLedger ledger, List<DeviceLedger.Claim> claims, List<CompletableFuture<DeviceChange>> outcomes)
            throws LedgerException {
        DeviceLedger.BatchChange change = ledger.claimDevices(claims);
        List<LedgerBatch.Item> items = change.batch().items();
        for (int i = 0; i < claims.size(); i++) {
            try {
                outcomes.get(i).complete(items.get(i).change(change.receipt()));
            } catch (LedgerException e) {
                outcomes.get(i).completeExceptionally(e);
            }
        }
    }
}
