package org.biotdm.devnet;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.biotdm.devnet.chaincode.ChaincodeLauncher;

/**
 * The settings of a dev network.
 *
 * @param dataDir where crypto material, block stores and logs live; reused on restart
 * @param orgCount the number of application organisations, 1 to 9 ({@code Org1MSP} ... {@code OrgNMSP})
 * @param channelId the channel name
 * @param chaincodes the chaincodes to define and launch
 * @param host the address every service binds to, normally {@code 127.0.0.1}
 * @param basePort the first peer's client port; peer N listens on {@code basePort + 1000 * (N - 1)}, its chaincode
 *     port one above, the enrolment endpoint on {@code basePort + 4}; 0 picks free ports
 * @param tls whether the peers' client ports use TLS (server certificates from each organisation's TLS CA)
 * @param maxMessageCount the most transactions per block
 * @param batchTimeout how long a pending transaction waits before a block is cut anyway
 */
public record DevnetConfig(
        Path dataDir,
        int orgCount,
        String channelId,
        List<ChaincodeSpec> chaincodes,
        String host,
        int basePort,
        boolean tls,
        int maxMessageCount,
        Duration batchTimeout) {

    /** The channel name used when none is configured, as in Fabric's test network. */
    public static final String DEFAULT_CHANNEL = "mychannel";

    /**
     * Checks the settings.
     *
     * @throws IllegalArgumentException when a value is out of range
     */
    public DevnetConfig {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(channelId, "channelId");
        chaincodes = List.copyOf(chaincodes);
        if (orgCount < 1 || orgCount > 9) {
            throw new IllegalArgumentException("orgs must be between 1 and 9, got " + orgCount);
        }
        if (!channelId.matches("[a-z][a-z0-9.-]{0,248}")) {
            throw new IllegalArgumentException("invalid channel name '" + channelId + "'");
        }
        if (maxMessageCount < 1) {
            throw new IllegalArgumentException("maxMessageCount must be at least 1");
        }
        if (batchTimeout.isNegative() || batchTimeout.isZero()) {
            throw new IllegalArgumentException("batchTimeout must be positive");
        }
        if (basePort != 0 && (basePort < 1024 || basePort > 65535 - 9000)) {
            throw new IllegalArgumentException("basePort out of range: " + basePort);
        }
    }

    /**
     * A chaincode to define on the channel and run on every peer.
     *
     * @param name the chaincode name clients use
     * @param jar the chaincode jar, runnable with {@code java -jar} in chaincode client mode, which every peer launches;
     *     or a chaincode-as-a-service package ({@code *.tar.gz}, see {@code chaincode.CcaasPackage}), whose chaincode
     *     server every peer dials (see {@link Devnet#start(DevnetConfig, java.util.Map)})
     * @param version the definition version
     * @param endorsementPolicy a signature policy such as {@code AND('Org1MSP.peer','Org2MSP.peer')}, an implicit
     *     meta policy such as {@code MAJORITY Endorsement}, or "" for the channel default (MAJORITY Endorsement)
     * @param jvmOptions options of the chaincode's JVMs; empty for {@link ChaincodeLauncher#DEFAULT_JVM_OPTIONS}
     */
    public record ChaincodeSpec(
            String name, Path jar, String version, String endorsementPolicy, List<String> jvmOptions) {

        /**
         * Describes a chaincode whose JVMs run with the default options.
         *
         * @param name the chaincode name clients use
         * @param jar the chaincode jar
         * @param version the definition version
         * @param endorsementPolicy the endorsement policy, or "" for the channel default
         */
        public ChaincodeSpec(String name, Path jar, String version, String endorsementPolicy) {
            this(name, jar, version, endorsementPolicy, List.of());
        }

        /**
         * Checks the chaincode settings.
         *
         * @throws IllegalArgumentException when the name is not a valid chaincode name
         */
        public ChaincodeSpec {
            Objects.requireNonNull(jar, "jar");
            if (!name.matches("[a-zA-Z0-9]+([-_][a-zA-Z0-9]+)*")) {
                throw new IllegalArgumentException("invalid chaincode name '" + name + "'");
            }
            version = version == null || version.isBlank() ? "1.0" : version;
            endorsementPolicy = endorsementPolicy == null ? "" : endorsementPolicy;
            jvmOptions = jvmOptions == null || jvmOptions.isEmpty()
                    ? ChaincodeLauncher.DEFAULT_JVM_OPTIONS
                    : List.copyOf(jvmOptions);
        }
    }
}
