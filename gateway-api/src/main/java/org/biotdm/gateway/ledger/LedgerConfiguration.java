package org.biotdm.gateway.ledger;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Context;
import io.micronaut.core.annotation.Nullable;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.time.Duration;
import org.biotdm.gateway.config.DurationMin;

/**
 * Holds the {@code biotdm.ledger.*} settings: where the peer's Gateway service is, which TLS root to trust, the
 * gateway's own Fabric identity (an MSP directory in Fabric's {@code cryptogen} layout), the channel and chaincode, and
 * the time limits of each gRPC call.
 *
 * <p>Every key can be overridden by an environment variable ({@code BIOTDM_LEDGER_PEER_ENDPOINT} and so on).
 *
 * <p>Defaults are in {@code application.yml}; the record is created at startup
 * ({@code @Context}), so a missing or out-of-range setting stops it.
 *
 * @param peerEndpoint the peer's Gateway service address; {@code host:port}, for example {@code 127.0.0.1:7051}, or
 *     null when not configured
 * @param peerHostName the host name the peer's TLS certificate carries, used as the TLS authority (SNI and host-name
 *     check) when it differs from the endpoint's host; for example {@code peer0.org1.example.com}, or null to use the
 *     endpoint's host
 * @param tlsRootCert the PEM file of the TLS CA that issued the peer's TLS certificate; the path, or null when not
 *     configured
 * @param mspId the MSP ID of the gateway's organisation; for example {@code Org1MSP}, or null when not configured
 * @param identityMspDir the gateway identity's MSP directory: {@code signcerts/*.pem} holds its certificate and {@code
 *     keystore/*} its PKCS#8 PEM private key, as Fabric's {@code cryptogen} and Fabric CA client lay them out; the
 *     directory, or null when not configured
 * @param channel the channel name; the channel, {@code mychannel} by default
 * @param chaincode the chaincode name; the chaincode, {@code biotdm} by default
 * @param evaluateTimeout the deadline of one Evaluate call; 5 s by default
 * @param endorseTimeout the deadline of one Endorse call; 15 s by default
 * @param submitTimeout the deadline of one Submit call (handing the endorsed transaction to the orderer); 5 s by
 *     default
 * @param commitStatusTimeout how long to wait for a submitted transaction's commit status before reporting an unknown
 *     outcome; 60 s by default
 * @param conflictAttempts how many transactions, each with a new transaction ID, are tried when commits fail with
 *     {@code MVCC_READ_CONFLICT} or {@code PHANTOM_READ_CONFLICT}; 3 by default, at least 1
 * @param conflictBackoff the base pause before retrying a conflicted transaction; attempt {@code n} waits a random time
 *     between 0.5 and 1.5 times {@code base * 2^(n-1)}; 50 ms by default
 * @param eventsEnabled whether the chaincode event listener that keeps the device registry current runs; true by
 *     default
 * @param eventsReconnectMin the first pause before the event listener reconnects after its stream failed; it doubles up
 *     to {@link #eventsReconnectMax()} while the stream keeps failing; 100 ms by default
 * @param eventsReconnectMax the longest pause between reconnect attempts of the event listener; 5 s by default
 * @param deviceNegativeTtl how long the device registry remembers that the ledger has no device of a given ID before
 *     asking again. A registration that commits meanwhile is picked up at once through its chaincode event; 5 s by
 *     default
 */
@Context
@ConfigurationProperties("biotdm.ledger")
public record LedgerConfiguration(
        @Nullable String peerEndpoint,
        @Nullable String peerHostName,
        @Nullable Path tlsRootCert,
        @Nullable String mspId,
        @Nullable Path identityMspDir,
        @NotBlank String channel,
        @NotBlank String chaincode,
        @NotNull @DurationMin(1) Duration evaluateTimeout,
        @NotNull @DurationMin(1) Duration endorseTimeout,
        @NotNull @DurationMin(1) Duration submitTimeout,
        @NotNull @DurationMin(1) Duration commitStatusTimeout,
        @Min(1) int conflictAttempts,
        @NotNull @DurationMin(0) Duration conflictBackoff,
        boolean eventsEnabled,
        @NotNull @DurationMin(1) Duration eventsReconnectMin,
        @NotNull @DurationMin(1) Duration eventsReconnectMax,
        @NotNull @DurationMin(0) Duration deviceNegativeTtl) {

    /**
     * Returns the chaincode event listeners' reconnect pauses.
     *
     * @return from {@code events-reconnect-min} doubling up to {@code events-reconnect-max}
     * @throws IllegalArgumentException when the maximum is shorter than the minimum
     */
    public ChaincodeEventFollower.Backoff eventsBackoff() {
        return new ChaincodeEventFollower.Backoff(eventsReconnectMin, eventsReconnectMax);
    }
}
