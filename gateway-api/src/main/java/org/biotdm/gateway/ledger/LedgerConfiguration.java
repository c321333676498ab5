package org.biotdm.gateway.ledger;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Holds the {@code biotdm.ledger.*} settings: where the peer's Gateway service is, which TLS root to trust, the
 * gateway's own Fabric identity (an MSP directory in Fabric's {@code cryptogen} layout), the channel and chaincode, and
 * the time limits of each gRPC call.
 *
 * <p>Every key can be overridden by an environment variable ({@code BIOTDM_LEDGER_PEER_ENDPOINT} and so on).
 */
@ConfigurationProperties("biotdm.ledger")
public class LedgerConfiguration {
    private String peerEndpoint;
    private String peerHostName;
    private Path tlsRootCert;
    private String mspId;
    private Path identityMspDir;
    private String channel = "mychannel";
    private String chaincode = "biotdm";
    private Duration evaluateTimeout = Duration.ofSeconds(5);
    private Duration endorseTimeout = Duration.ofSeconds(15);
    private Duration submitTimeout = Duration.ofSeconds(5);
    private Duration commitStatusTimeout = Duration.ofSeconds(60);
    private int conflictAttempts = 3;
    private Duration conflictBackoff = Duration.ofMillis(50);
    private boolean eventsEnabled = true;
    private Duration eventsReconnectMin = Duration.ofMillis(100);
    private Duration eventsReconnectMax = Duration.ofSeconds(5);
    private Duration deviceNegativeTtl = Duration.ofSeconds(5);

    /**
     * Returns the peer's Gateway service address.
     *
     * @return {@code host:port}, for example {@code 127.0.0.1:7051}, or null when not configured
     */
    @Nullable
    public String getPeerEndpoint() {
        return peerEndpoint;
    }

    /**
     * Sets the peer's Gateway service address.
     *
     * @param peerEndpoint {@code host:port}
     */
    public void setPeerEndpoint(@Nullable String peerEndpoint) {
        this.peerEndpoint = peerEndpoint;
    }

    /**
     * Returns the host name the peer's TLS certificate carries, used as the TLS authority (SNI and host-name check)
     * when it differs from the endpoint's host.
     *
     * @return for example {@code peer0.org1.example.com}, or null to use the endpoint's host
     */
    @Nullable
    public String getPeerHostName() {
        return peerHostName;
    }

    /**
     * Sets the TLS authority override.
     *
     * @param peerHostName the host name in the peer's TLS certificate, or null
     */
    public void setPeerHostName(@Nullable String peerHostName) {
        this.peerHostName = peerHostName;
    }

    /**
     * Returns the PEM file of the TLS CA that issued the peer's TLS certificate.
     *
     * @return the path, or null when not configured
     */
    @Nullable
    public Path getTlsRootCert() {
        return tlsRootCert;
    }

    /**
     * Sets the PEM file of the peer's TLS CA.
     *
     * @param tlsRootCert the path
     */
    public void setTlsRootCert(@Nullable Path tlsRootCert) {
        this.tlsRootCert = tlsRootCert;
    }

    /**
     * Returns the MSP ID of the gateway's organisation.
     *
     * @return for example {@code Org1MSP}, or null when not configured
     */
    @Nullable
    public String getMspId() {
        return mspId;
    }

    /**
     * Sets the MSP ID of the gateway's organisation.
     *
     * @param mspId the MSP ID
     */
    public void setMspId(@Nullable String mspId) {
        this.mspId = mspId;
    }

    /**
     * Returns the gateway identity's MSP directory: {@code signcerts/*.pem} holds its certificate and {@code
     * keystore/*} its PKCS#8 PEM private key, as Fabric's {@code cryptogen} and Fabric CA client lay them out.
     *
     * @return the directory, or null when not configured
     */
    @Nullable
    public Path getIdentityMspDir() {
        return identityMspDir;
    }

    /**
     * Sets the gateway identity's MSP directory.
     *
     * @param identityMspDir the directory
     */
    public void setIdentityMspDir(@Nullable Path identityMspDir) {
        this.identityMspDir = identityMspDir;
    }

    /**
     * Returns the channel name.
     *
     * @return the channel, {@code mychannel} by default
     */
    public String getChannel() {
        return channel;
    }

    /**
     * Sets the channel name.
     *
     * @param channel the channel
     */
    public void setChannel(String channel) {
        this.channel = channel;
    }

    /**
     * Returns the chaincode name.
     *
     * @return the chaincode, {@code biotdm} by default
     */
    public String getChaincode() {
        return chaincode;
    }

    /**
     * Sets the chaincode name.
     *
     * @param chaincode the chaincode
     */
    public void setChaincode(String chaincode) {
        this.chaincode = chaincode;
    }

    /**
     * Returns the deadline of one Evaluate call.
     *
     * @return 5 s by default
     */
    public Duration getEvaluateTimeout() {
        return evaluateTimeout;
    }

    /**
     * Sets the deadline of one Evaluate call.
     *
     * @param evaluateTimeout the deadline
     */
    public void setEvaluateTimeout(Duration evaluateTimeout) {
        this.evaluateTimeout = evaluateTimeout;
    }

    /**
     * Returns the deadline of one Endorse call.
     *
     * @return 15 s by default
     */
    public Duration getEndorseTimeout() {
        return endorseTimeout;
    }

    /**
     * Sets the deadline of one Endorse call.
     *
     * @param endorseTimeout the deadline
     */
    public void setEndorseTimeout(Duration endorseTimeout) {
        this.endorseTimeout = endorseTimeout;
    }

    /**
     * Returns the deadline of one Submit call (handing the endorsed transaction to the orderer).
     *
     * @return 5 s by default
     */
    public Duration getSubmitTimeout() {
        return submitTimeout;
    }

    /**
     * Sets the deadline of one Submit call.
     *
     * @param submitTimeout the deadline
     */
    public void setSubmitTimeout(Duration submitTimeout) {
        this.submitTimeout = submitTimeout;
    }

    /**
     * Returns how long to wait for a submitted transaction's commit status before reporting an unknown outcome.
     *
     * @return 60 s by default
     */
    public Duration getCommitStatusTimeout() {
        return commitStatusTimeout;
    }

    /**
     * Sets how long to wait for a commit status.
     *
     * @param commitStatusTimeout the deadline
     */
    public void setCommitStatusTimeout(Duration commitStatusTimeout) {
        this.commitStatusTimeout = commitStatusTimeout;
    }

    /**
     * Returns how many transactions, each with a new transaction ID, are tried when commits fail with {@code
     * MVCC_READ_CONFLICT} or {@code PHANTOM_READ_CONFLICT}.
     *
     * @return 3 by default, at least 1
     */
    public int getConflictAttempts() {
        return conflictAttempts;
    }

    /**
     * Sets how many transactions are tried on read conflicts.
     *
     * @param conflictAttempts at least 1
     */
    public void setConflictAttempts(int conflictAttempts) {
        this.conflictAttempts = Math.max(1, conflictAttempts);
    }

    /**
     * Returns the base pause before retrying a conflicted transaction; attempt {@code n} waits a random time between
     * 0.5 and 1.5 times {@code base * 2^(n-1)}.
     *
     * @return 50 ms by default
     */
    public Duration getConflictBackoff() {
        return conflictBackoff;
    }

    /**
     * Sets the base pause before retrying a conflicted transaction.
     *
     * @param conflictBackoff the base pause
     */
    public void setConflictBackoff(Duration conflictBackoff) {
        this.conflictBackoff = conflictBackoff;
    }

    /**
     * Tells whether the chaincode event listener that keeps the device registry current runs.
     *
     * @return true by default
     */
    public boolean isEventsEnabled() {
        return eventsEnabled;
    }

    /**
     * Turns the chaincode event listener on or off.
     *
     * @param eventsEnabled false to run without it (device lookups then read the ledger or database on each miss)
     */
    public void setEventsEnabled(boolean eventsEnabled) {
        this.eventsEnabled = eventsEnabled;
    }

    /**
     * Returns the first pause before the event listener reconnects after its stream failed; it doubles up to {@link
     * #getEventsReconnectMax()} while the stream keeps failing.
     *
     * @return 100 ms by default
     */
    public Duration getEventsReconnectMin() {
        return eventsReconnectMin;
    }

    /**
     * Sets the first reconnect pause of the event listener.
     *
     * @param eventsReconnectMin the pause
     */
    public void setEventsReconnectMin(Duration eventsReconnectMin) {
        this.eventsReconnectMin = eventsReconnectMin;
    }

    /**
     * Returns the longest pause between reconnect attempts of the event listener.
     *
     * @return 5 s by default
     */
    public Duration getEventsReconnectMax() {
        return eventsReconnectMax;
    }

    /**
     * Sets the longest reconnect pause of the event listener.
     *
     * @param eventsReconnectMax the pause
     */
    public void setEventsReconnectMax(Duration eventsReconnectMax) {
        this.eventsReconnectMax = eventsReconnectMax;
    }

    /**
     * Returns how long the device registry remembers that the ledger has no device of a given ID before asking again.
     * A registration that commits meanwhile is picked up at once through its chaincode event.
     *
     * @return 5 s by default
     */
    public Duration getDeviceNegativeTtl() {
        return deviceNegativeTtl;
    }

    /**
     * Sets how long an unknown device ID is remembered.
     *
     * @param deviceNegativeTtl the duration
     */
    public void setDeviceNegativeTtl(Duration deviceNegativeTtl) {
        this.deviceNegativeTtl = deviceNegativeTtl;
    }
}
