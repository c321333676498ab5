package org.biotdm.chaincode.it;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.biotdm.chaincode.it.BiotdmNetwork.ORG1;
import static org.biotdm.chaincode.it.BiotdmNetwork.ORG2;
import static org.biotdm.chaincode.it.BiotdmNetwork.ORG3;
import static org.biotdm.chaincode.it.ChaincodeErrors.assertEndorsementFails;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.biotdm.devnet.ledger.BlockStore;
import org.biotdm.devnet.ledger.PeerLedger;
import org.biotdm.devnet.peer.Peer;
import org.hyperledger.fabric.client.CloseableIterator;
import org.hyperledger.fabric.client.CommitException;
import org.hyperledger.fabric.client.Proposal;
import org.hyperledger.fabric.client.Transaction;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Zero-touch provisioning: the owner's admin registers a device with only the SHA-256 of a one-time claim token,
 * and the owner's gateway later claims it with the device's key and the raw token in the proposal's transient map,
 * which Fabric keeps out of the transaction, so the token never reaches a block, not even an invalidated one.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ZeroTouchClaimIT {
    private static final String DEVICE = "ztp-1";
    private static final String TRANSIENT_KEY = "claimToken";

    @TempDir
    static Path dataDir;

    private BiotdmNetwork net;
    private BiotdmClient admin;
    private BiotdmClient gateway;

    @BeforeAll
    void start_network() {
        net = BiotdmNetwork.start(dataDir);
        admin = net.admin(0);
        gateway = net.gateway(0);
    }

    @AfterAll
    void stop_network() {
        net.close();
    }

    private Proposal.Builder claim(DeviceKey key, byte[] token) {
        return gateway.proposal("devices", "ClaimDevice", Requests.deviceKey(DEVICE, key))
                .putTransient(TRANSIENT_KEY, token);
    }

    @Test
    void claim_with_the_transient_token_activates_the_device_and_no_block_holds_the_token() throws Exception {
        byte[] token = new byte[32];
        new SecureRandom().nextBytes(token);
        String tokenSha256 = Digests.sha256Hex(token);
        DeviceKey key = DeviceKey.generate(net.org(0), DEVICE);
        // Org2 and Org3 endorse a claim below: wait until their peers have committed the registration too.
        net.awaitOnEveryPeer(
                admin.submit("devices", "RegisterDevice", Requests.registerForClaim(DEVICE, "line-1", tokenSha256))
                        .txId());
        byte[] wrongToken = token.clone();
        wrongToken[0] ^= 1;

        assertEndorsementFails(() -> gateway.submit(claim(key, wrongToken)), "CLAIM_TOKEN_MISMATCH");
        assertEndorsementFails(
                () -> gateway.submit("devices", "ClaimDevice", Requests.deviceKey(DEVICE, key)), "INVALID_ARGUMENT");
        // A claim endorsed without the owner's peer carries the token to two peers and into an invalid block entry.
        Transaction withoutOwner =
                claim(key, token).setEndorsingOrganizations(ORG2, ORG3).build().endorse();
        assertThatThrownBy(withoutOwner::submit)
                .isInstanceOfSatisfying(CommitException.class, e -> assertThat(e.getCode())
                        .isEqualTo(TxValidationCode.ENDORSEMENT_POLICY_FAILURE));
        BiotdmClient.Committed claimed = gateway.submit(claim(key, token).setEndorsingOrganizations(ORG1, ORG2));
        assertEndorsementFails(() -> gateway.submit(claim(key, token)), "CLAIM_TOKEN_SPENT");

        JsonObject device = claimed.record();
        assertThat(device.get("status").getAsString()).isEqualTo("ACTIVE");
        assertThat(device.get("publicKeyPem").getAsString()).isEqualTo(key.publicKeyPem());
        assertThat(device.get("certFingerprint").getAsString()).isEqualTo(key.certFingerprint());
        assertThat(device.get("claimTokenSha256").getAsString()).isEqualTo(tokenSha256);
        assertThat(device.get("claimedAt").getAsLong()).isPositive();
        net.awaitOnEveryPeer(claimed.txId());
        List<byte[]> blocks = everyBlock();
        assertThat(blocks).anySatisfy(block -> assertThat(contains(block, tokenSha256.getBytes(UTF_8)))
                .as("the token's hash, registered in a block, shows the scan reads the blocks")
                .isTrue());
        for (byte[] secret : List.of(
                token,
                HexFormat.of().formatHex(token).getBytes(UTF_8),
                Base64.getEncoder().encode(token))) {
            assertThat(blocks)
                    .noneSatisfy(block -> assertThat(contains(block, secret)).isTrue());
        }
    }

    /** Returns every block as every peer's ledger, the block event stream and the block files hold it. */
    private List<byte[]> everyBlock() throws IOException {
        List<byte[]> blocks = new ArrayList<>();
        for (Peer peer : net.devnet().peers()) {
            PeerLedger ledger = peer.ledger();
            for (long n = 0; n < ledger.height(); n++) {
                blocks.add(ledger.block(n).toByteArray());
            }
        }
        long height = net.devnet().peers().get(0).ledger().height();
        try (CloseableIterator<Block> events = gateway.network()
                .newBlockEventsRequest()
                .startBlock(0)
                .build()
                .getEvents(options -> options.withDeadlineAfter(30, TimeUnit.SECONDS))) {
            for (long n = 0; n < height; n++) {
                blocks.add(events.next().toByteArray());
            }
        }
        try (Stream<Path> files = Files.walk(dataDir)) {
            List<Path> blockFiles = files.filter(f -> f.getFileName().toString().equals(BlockStore.FILE_NAME))
                    .toList();
            assertThat(blockFiles)
                    .as("the orderer's and each peer's block file")
                    .hasSize(4);
            for (Path file : blockFiles) {
                blocks.add(Files.readAllBytes(file));
            }
        }
        return blocks;
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return true;
            }
        }
        return false;
    }
}
