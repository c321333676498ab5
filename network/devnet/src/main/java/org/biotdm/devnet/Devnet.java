package org.biotdm.devnet;

import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.util.MutableHandlerRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.biotdm.devnet.ca.CryptoMaterial;
import org.biotdm.devnet.ca.DevCaEnrollmentService;
import org.biotdm.devnet.ca.EnrollmentHttpServer;
import org.biotdm.devnet.ca.EnrollmentService;
import org.biotdm.devnet.ca.OrgCrypto;
import org.biotdm.devnet.ca.OwnerOnlyFiles;
import org.biotdm.devnet.ca.RegistrarSecrets;
import org.biotdm.devnet.chaincode.ChaincodeSupport;
import org.biotdm.devnet.chaincode.ChaincodeTls;
import org.biotdm.devnet.fabricca.FabricCaApi;
import org.biotdm.devnet.gateway.ChannelPeers;
import org.biotdm.devnet.gateway.DeliverService;
import org.biotdm.devnet.gateway.GatewayService;
import org.biotdm.devnet.ledger.BlockStore;
import org.biotdm.devnet.ledger.PeerLedger;
import org.biotdm.devnet.msp.ChannelMsp;
import org.biotdm.devnet.orderer.GenesisBlock;
import org.biotdm.devnet.orderer.SoloOrderer;
import org.biotdm.devnet.peer.ChaincodeDefinition;
import org.biotdm.devnet.peer.ChannelConfig;
import org.biotdm.devnet.peer.Peer;
import org.biotdm.devnet.policy.ChannelPolicies;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running dev network: one orderer and one peer per organisation in this JVM, each peer serving Fabric's Gateway and
 * Deliver services on its own port and ChaincodeSupport on another, with the configured chaincodes running in child
 * JVMs or, for chaincode-as-a-service packages, as chaincode servers the peers dial. Start it with {@link #start(DevnetConfig)}; close it to stop everything.
 */
public final class Devnet implements AutoCloseable {
    /** Directory, under the data directory, of each organisation's registrar secret file. */
    public static final String REGISTRARS_DIR = "registrars";

    private static final Logger LOG = LoggerFactory.getLogger(Devnet.class);
    private static final Duration CHAINCODE_START_TIMEOUT = Duration.ofSeconds(90);

    private final DevnetConfig config;
    private final CryptoMaterial crypto;
    private final SoloOrderer orderer;
    private final List<Peer> peers;
    private final List<PeerEndpoint> endpoints;
    private final List<Server> servers;
    private final ChaincodeProcesses chaincodes;
    private final EnrollmentHttpServer enrollmentServer;
    private final EnrollmentService enrollment;
    private final ExecutorService endorsementPool;
    private final ExecutorService streamPool;
    private final ExecutorService callPool;
    private final ScheduledExecutorService timers;

    /**
     * Where a client reaches one organisation's peer.
     *
     * @param mspId the organisation's MSP ID
     * @param hostName the peer's TLS host name, for example {@code peer0.org1.example.com}
     * @param address the {@code host:port} serving Gateway and Deliver
     * @param chaincodeAddress the {@code host:port} serving ChaincodeSupport (TLS with a client certificate the peer
     *     issued to the chaincode, see {@link ChaincodeTls})
     * @param tlsRootCertificate the PEM file of the organisation's TLS CA, which clients trust
     * @param tls whether the client port uses TLS
     */
    public record PeerEndpoint(
            String mspId,
            String hostName,
            String address,
            String chaincodeAddress,
            Path tlsRootCertificate,
            boolean tls) {

        /**
         * Opens a gRPC channel to this peer as a fabric-gateway application would: TLS trusting the organisation's TLS
         * CA, with the peer's host name as the authority its certificate is checked against (plaintext when the
         * network runs without TLS). The caller shuts the channel down.
         *
         * @return a new channel
         * @throws UncheckedIOException when the TLS root certificate cannot be read
         */
        public ManagedChannel openChannel() {
            NettyChannelBuilder builder = NettyChannelBuilder.forTarget(address);
            if (!tls) {
                return builder.usePlaintext().build();
            }
            try {
                return builder.sslContext(GrpcSslContexts.forClient()
                                .trustManager(tlsRootCertificate.toFile())
                                .build())
                        .overrideAuthority(hostName)
                        .build();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private Devnet(Builder builder) {
        this.config = builder.config;
        this.crypto = builder.crypto;
        this.orderer = builder.orderer;
        this.peers = List.copyOf(builder.peers);
        this.endpoints = List.copyOf(builder.endpoints);
        this.servers = List.copyOf(builder.servers);
        this.chaincodes = builder.chaincodes;
        this.enrollmentServer = builder.enrollmentServer;
        this.enrollment = builder.enrollment;
        this.endorsementPool = builder.endorsementPool;
        this.streamPool = builder.streamPool;
        this.callPool = builder.callPool;
        this.timers = builder.timers;
    }

    /**
     * Starts a dev network: creates or loads the crypto material, opens (or creates) the orderer's and peers' block
     * stores, brings every peer up to the orderer's height, starts the gRPC services and the chaincode processes,
     * and waits until every chaincode has registered.
     *
     * @param config the network settings
     * @return the running network
     * @throws IOException when the data directory cannot be read or written, or a port cannot be bound
     * @throws IllegalStateException when a chaincode does not register within 90 seconds
     */
    public static Devnet start(DevnetConfig config) throws IOException {
        return start(config, Map.of());
    }

    /**
     * Starts a dev network as {@link #start(DevnetConfig)} does, where chaincode-as-a-service packages name chaincode
     * servers that are reached at other addresses: as a container network's names would, the map sends an address
     * of a rendered {@code connection.json} ({@code biotdm.peer0.org1.example.com:9999}) to where the server listens
     * ({@code 127.0.0.1:41234}); the TLS host name checked stays the one in {@code connection.json}.
     *
     * <p>A chaincode whose file is a package ({@code *.tar.gz}) is dialed instead of launched; each peer renders its
     * {@code connection.json} with {@link #chaincodeBuilderConfig}, so its chaincode server must present a
     * certificate of that organisation's TLS CA and accepts the peer's TLS certificate as its client certificate.
     *
     * @param config the network settings
     * @param chaincodeServerAddresses {@code connection.json} address to the address dialed
     * @return the running network
     * @throws IOException when the data directory cannot be read or written, a port cannot be bound, or a package
     *     cannot be read
     * @throws IllegalStateException when a chaincode does not register within 90 seconds
     * @throws IllegalArgumentException when a package is not a chaincode-as-a-service package or its {@code
     *     connection.json} cannot be rendered
     */
    public static Devnet start(DevnetConfig config, Map<String, String> chaincodeServerAddresses) throws IOException {
        Builder builder = new Builder(config, chaincodeServerAddresses);
        try {
            builder.build();
            return new Devnet(builder);
        } catch (IOException | RuntimeException e) {
            builder.abort();
            throw e;
        }
    }

    /**
     * Returns the network settings.
     *
     * @return the configuration this network was started with
     */
    public DevnetConfig config() {
        return config;
    }

    /**
     * Returns the organisations' crypto material (MSPs, identities, CAs).
     *
     * @return the crypto material
     */
    public CryptoMaterial crypto() {
        return crypto;
    }

    /**
     * Returns the peers, one per organisation, in organisation order.
     *
     * @return the peers
     */
    public List<Peer> peers() {
        return peers;
    }

    /**
     * Returns where clients reach each peer.
     *
     * @return one endpoint per organisation, in organisation order
     */
    public List<PeerEndpoint> endpoints() {
        return endpoints;
    }

    /**
     * Returns the endpoint of one organisation's peer.
     *
     * @param mspId the organisation's MSP ID
     * @return the endpoint
     * @throws IllegalArgumentException when no organisation has that MSP ID
     */
    public PeerEndpoint endpoint(String mspId) {
        return endpoints.stream()
                .filter(e -> e.mspId().equals(mspId))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown MSP " + mspId));
    }

    /**
     * Returns the enrolment service that issues further identities (users, gateways) from CSRs.
     *
     * @return the enrolment service
     */
    public EnrollmentService enrollment() {
        return enrollment;
    }

    /**
     * Returns the base URL of the authenticated HTTP enrolment endpoint.
     *
     * @return for example {@code http://127.0.0.1:7055}
     */
    public String enrollmentUrl() {
        return "http://" + config.host() + ":" + enrollmentServer.port();
    }

    /**
     * Returns the owner-only file holding one organisation's enrolment registrar secret, to hand to that
     * organisation's gateway only.
     *
     * @param mspId the organisation's MSP ID
     * @return {@code <data-dir>/registrars/<mspId>.properties}
     */
    public Path registrarSecretFile(String mspId) {
        return RegistrarSecrets.file(enrollmentServer.secrets().dir(), mspId);
    }

    /**
     * Returns the {@code CHAINCODE_AS_A_SERVICE_BUILDER_CONFIG} an organisation's peer renders chaincode-as-a-service
     * packages with: {@code peername} (the peer's host name), {@code ccaas_root_cert} (PEM of the organisation's TLS
     * CA), {@code ccaas_client_key} and {@code ccaas_client_cert} (PEM of the peer's TLS key and certificate).
     *
     * @param org the organisation's crypto material
     * @return the configuration
     */
    public static Map<String, String> chaincodeBuilderConfig(OrgCrypto org) {
        return ChaincodeProcesses.builderConfig(org);
    }

    /**
     * Returns the ordering service.
     *
     * @return the orderer
     */
    public SoloOrderer orderer() {
        return orderer;
    }

    @Override
    public void close() {
        chaincodes.close();
        for (Server server : servers) {
            server.shutdownNow();
        }
        enrollmentServer.close();
        try {
            orderer.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (Peer peer : peers) {
            peer.close();
        }
        try {
            orderer.store().close();
        } catch (IOException e) {
            LOG.warn("closing the orderer's block store failed", e);
        }
        endorsementPool.shutdownNow();
        streamPool.shutdownNow();
        callPool.shutdownNow();
        timers.shutdownNow();
        for (Server server : servers) {
            try {
                server.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Assembles the network step by step so that a failure part-way can release what was started. */
    private static final class Builder {
        private final DevnetConfig config;
        private CryptoMaterial crypto;
        private SoloOrderer orderer;
        private BlockStore ordererStore;
        private final List<Peer> peers = new ArrayList<>();
        private final List<PeerEndpoint> endpoints = new ArrayList<>();
        private final List<Server> servers = new ArrayList<>();
        private final ChaincodeProcesses chaincodes;
        private final List<ChaincodeTls> chaincodeTls = new ArrayList<>();
        private final List<MutableHandlerRegistry> registries = new ArrayList<>();
        private EnrollmentHttpServer enrollmentServer;
        private EnrollmentService enrollment;
        private final ExecutorService endorsementPool;
        private final ExecutorService streamPool;
        private final ExecutorService callPool;
        private final ScheduledExecutorService timers;

        Builder(DevnetConfig config, Map<String, String> chaincodeServerAddresses) {
            this.config = config;
            this.chaincodes = new ChaincodeProcesses(chaincodeServerAddresses);
            this.endorsementPool = Executors.newFixedThreadPool(16, daemon("endorse"));
            this.streamPool = Executors.newCachedThreadPool(daemon("stream"));
            this.callPool = Executors.newCachedThreadPool(daemon("gateway-call"));
            ScheduledThreadPoolExecutor timerPool = new ScheduledThreadPoolExecutor(1, daemon("gateway-timer"));
            // Most CommitStatus timers are cancelled when the transaction commits; do not keep them queued.
            timerPool.setRemoveOnCancelPolicy(true);
            this.timers = timerPool;
        }

        void build() throws IOException {
            Path dataDir = config.dataDir().toAbsolutePath();
            OwnerOnlyFiles.createDirectories(dataDir);
            crypto = CryptoMaterial.generateOrLoad(dataDir.resolve("organizations"), config.orgCount());
            ChannelConfig channel = channelConfig();
            openOrderer(dataDir, channel);
            List<ChaincodeSupport> supports = new ArrayList<>();
            for (OrgCrypto org : crypto.orgs()) {
                ChaincodeSupport support = new ChaincodeSupport(org.peerName(), Duration.ofSeconds(30));
                support.requireClientCertificates();
                supports.add(support);
                chaincodeTls.add(new ChaincodeTls(
                        org.peerName(), org.peerTlsCertificate(), org.peerTlsKey(), org.tlsCaCertificateFile()));
                Path ledgerDir = dataDir.resolve("peers").resolve(org.peerName());
                peers.add(new Peer(
                        org.peerName(), org.peer(), channel, PeerLedger.open(ledgerDir, config.channelId()), support));
            }
            catchUp();
            for (Peer peer : peers) {
                orderer.addBlockConsumer(peer::deliver);
            }
            orderer.start();
            startServers(supports);
            launchChaincodes(dataDir, channel);
            enrollment = new DevCaEnrollmentService(crypto);
            enrollmentServer = new EnrollmentHttpServer(
                    enrollment,
                    crypto,
                    dataDir.resolve(REGISTRARS_DIR),
                    config.host(),
                    config.basePort() == 0 ? 0 : config.basePort() + 4);
            enrollmentServer.serve(
                    FabricCaApi.PREFIX, FabricCaApi.forDevnet(crypto, enrollmentServer.secrets())::handle);
            enrollmentServer.start();
        }

        private ChannelConfig channelConfig() {
            List<String> mspIds = crypto.orgs().stream().map(OrgCrypto::mspId).toList();
            ChannelMsp msp = ChannelMsp.of(crypto);
            ChannelPolicies policies = new ChannelPolicies(mspIds);
            Map<String, ChaincodeDefinition> definitions = new LinkedHashMap<>();
            for (DevnetConfig.ChaincodeSpec spec : config.chaincodes()) {
                definitions.put(
                        spec.name(),
                        new ChaincodeDefinition(
                                spec.name(),
                                spec.version(),
                                ChaincodeProcesses.packageId(spec),
                                policies.chaincodePolicy(spec.endorsementPolicy()),
                                spec.endorsementPolicy()));
            }
            return new ChannelConfig(
                    config.channelId(), msp, mspIds, crypto.orderer().mspId(), policies, Map.copyOf(definitions));
        }

        private void openOrderer(Path dataDir, ChannelConfig channel) throws IOException {
            ordererStore = BlockStore.open(dataDir.resolve("orderer"));
            if (ordererStore.height() == 0) {
                List<GenesisBlock.Member> members = crypto.orgs().stream()
                        .map(o -> new GenesisBlock.Member(o.mspId(), o.caCertificate(), o.tlsCaCertificate()))
                        .toList();
                GenesisBlock.Member ordererOrg = new GenesisBlock.Member(
                        crypto.orderer().mspId(),
                        crypto.orderer().caCertificate(),
                        crypto.orderer().tlsCaCertificate());
                ordererStore.append(GenesisBlock.create(
                        config.channelId(),
                        members,
                        ordererOrg,
                        crypto.orderer().orderer()));
            }
            orderer = new SoloOrderer(
                    ordererStore,
                    channel.msp(),
                    channel.applicationMsps(),
                    crypto.orderer().orderer(),
                    new SoloOrderer.BatchConfig(config.maxMessageCount(), 2L * 1024 * 1024, config.batchTimeout()));
        }

        /** Replays to each peer the blocks the orderer stored that the peer had not committed before a crash. */
        private void catchUp() {
            for (Peer peer : peers) {
                for (long n = peer.ledger().height(); n < ordererStore.height(); n++) {
                    peer.deliver(ordererStore.get(n)).join();
                }
            }
        }

        private void startServers(List<ChaincodeSupport> supports) throws IOException {
            for (int i = 0; i < peers.size(); i++) {
                OrgCrypto org = crypto.orgs().get(i);
                int clientPort = config.basePort() == 0 ? 0 : config.basePort() + 1000 * i;
                int chaincodePort = config.basePort() == 0 ? 0 : clientPort + 1;
                Server chaincodeServer = NettyServerBuilder.forAddress(
                                new InetSocketAddress(config.host(), chaincodePort))
                        .maxInboundMessageSize(100 * 1024 * 1024)
                        // No ChaincodeSupport handler blocks, so messages are handled on the transport threads.
                        .directExecutor()
                        // As on a Fabric peer: TLS, and a client certificate the peer issued to the chaincode.
                        .sslContext(chaincodeTls.get(i).serverContext())
                        .addService(ServerInterceptors.intercept(
                                supports.get(i).grpcService(),
                                chaincodeTls.get(i).authenticator()))
                        .build()
                        .start();
                servers.add(chaincodeServer);
                int boundChaincodePort = chaincodeServer.getPort();
                MutableHandlerRegistry registry = new MutableHandlerRegistry();
                registries.add(registry);
                NettyServerBuilder clientServer = NettyServerBuilder.forAddress(
                                new InetSocketAddress(config.host(), clientPort))
                        .maxInboundMessageSize(100 * 1024 * 1024)
                        // No Gateway or Deliver handler blocks: those that wait hand off to their own pools.
                        .directExecutor()
                        .fallbackHandlerRegistry(registry);
                if (config.tls()) {
                    clientServer.sslContext(GrpcSslContexts.forServer(
                                    org.peerTlsCertificateFile().toFile(),
                                    org.peerTlsKeyFile().toFile())
                            .build());
                }
                Server started = clientServer.build().start();
                servers.add(started);
                endpoints.add(new PeerEndpoint(
                        org.mspId(),
                        org.peerName(),
                        config.host() + ":" + started.getPort(),
                        config.host() + ":" + boundChaincodePort,
                        org.tlsCaCertificateFile(),
                        config.tls()));
            }
            // A gateway needs every peer's address, so the services are registered once every port is bound.
            List<ChannelPeers.PeerEndpoint> channelPeers = new ArrayList<>();
            for (int i = 0; i < peers.size(); i++) {
                channelPeers.add(new ChannelPeers.PeerEndpoint(
                        peers.get(i), endpoints.get(i).address()));
            }
            for (int i = 0; i < peers.size(); i++) {
                ChannelPeers view = new ChannelPeers(peers.get(i), channelPeers, orderer, "orderer.example.com:7050");
                registries.get(i).addService(new GatewayService(view, endorsementPool, streamPool, callPool, timers));
                registries.get(i).addService(new DeliverService(peers.get(i), streamPool));
            }
        }

        private void launchChaincodes(Path dataDir, ChannelConfig channel) throws IOException {
            for (int i = 0; i < peers.size(); i++) {
                Peer peer = peers.get(i);
                ChaincodeSupport support = peer.chaincodeSupport();
                support.setChaincodeResolver(name -> channel.chaincode(name).map(ChaincodeDefinition::packageId));
                for (DevnetConfig.ChaincodeSpec spec : config.chaincodes()) {
                    String packageId =
                            channel.chaincode(spec.name()).orElseThrow().packageId();
                    chaincodes.start(
                            spec,
                            packageId,
                            peer,
                            crypto.orgs().get(i),
                            endpoints.get(i).chaincodeAddress(),
                            chaincodeTls.get(i),
                            dataDir);
                }
            }
            for (Peer peer : peers) {
                for (DevnetConfig.ChaincodeSpec spec : config.chaincodes()) {
                    String packageId =
                            channel.chaincode(spec.name()).orElseThrow().packageId();
                    if (!peer.chaincodeSupport().awaitRegistered(packageId, CHAINCODE_START_TIMEOUT)) {
                        throw new IllegalStateException("chaincode " + spec.name() + " did not register with "
                                + peer.name() + " within " + CHAINCODE_START_TIMEOUT.toSeconds() + " s");
                    }
                }
            }
        }

        void abort() {
            chaincodes.close();
            for (Server server : servers) {
                server.shutdownNow();
            }
            if (enrollmentServer != null) {
                enrollmentServer.close();
            }
            for (Peer peer : peers) {
                peer.close();
            }
            try {
                if (orderer != null) {
                    orderer.close();
                }
                if (ordererStore != null) {
                    ordererStore.close();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            endorsementPool.shutdownNow();
            streamPool.shutdownNow();
            callPool.shutdownNow();
            timers.shutdownNow();
        }

        private static java.util.concurrent.ThreadFactory daemon(String prefix) {
            java.util.concurrent.atomic.AtomicInteger counter = new java.util.concurrent.atomic.AtomicInteger();
            return r -> {
                Thread thread = new Thread(r, prefix + "-" + counter.incrementAndGet());
                thread.setDaemon(true);
                return thread;
            };
        }
    }
}
