package org.biotdm.device.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.biotdm.protocol.cluster.ClusterError;
import org.biotdm.protocol.cluster.ClusterRefusedException;
import org.biotdm.protocol.cluster.KeyGrant;
import org.biotdm.protocol.vectors.VectorFiles;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ClusterRolesTest {
    private static final long LIFETIME_MS = 60_000;

    private final AtomicLong clock = new AtomicLong(1_765_152_000_000L);
    private final LocalClusterDirectory directory = new LocalClusterDirectory();
    private final DeviceKeys headKeys = key("device-2");
    private final ClusterHead head = new ClusterHead("d-head", headKeys, directory, clock::get, LIFETIME_MS, 100);
    private final ClusterMember alpha = member("d-alpha", "device-1");
    private final ClusterMember bravo = member("d-bravo", "device-3");

    ClusterRolesTest() {
        directory.add("d-alpha", key("device-1").publicParameters());
        directory.add("d-bravo", key("device-3").publicParameters());
    }

    @Test
    void two_members_exchange_real_readings_under_a_key_their_head_issued_and_only_its_hash_is_recorded()
            throws IOException {
        authenticate(alpha);
        authenticate(bravo);
        KeyGrant grant = issue(alpha, "d-bravo");

        for (String line : connectivityLines()) {
            byte[] message = alpha.send("d-bravo", line.getBytes(StandardCharsets.UTF_8));
            assertThat(new String(bravo.receive(message), StandardCharsets.UTF_8))
                    .isEqualTo(line);
        }
        byte[] answer = bravo.send("d-alpha", "ack".getBytes(StandardCharsets.UTF_8));
        assertThat(alpha.receive(answer)).isEqualTo("ack".getBytes(StandardCharsets.UTF_8));
        assertThat(directory.grantHashes()).containsExactly(grant.sha256Hex());
    }

    @Nested
    class Refusals {
        @Test
        void an_unknown_member() {
            ClusterMember stranger = member("d-stranger", "device-1");

            assertRefused(() -> head.hello(stranger.hello()), ClusterError.CLUSTER_MEMBER_UNKNOWN);
        }

        @Test
        void a_suspended_member_gets_no_new_key() {
            authenticate(alpha);
            authenticate(bravo);
            directory.suspend("d-bravo");

            assertRefused(() -> head.issue(alpha.requestKey("d-bravo")), ClusterError.CLUSTER_MEMBER_NOT_ACTIVE);
            assertThat(directory.grantHashes()).isEmpty();
        }

        @Test
        void a_member_of_another_cluster() {
            directory.addForeign("d-far", key("device-3").publicParameters());
            ClusterMember far = member("d-far", "device-3");

            assertRefused(() -> head.hello(far.hello()), ClusterError.CLUSTER_PAIR_FOREIGN);
        }

        @Test
        void a_key_request_for_a_peer_that_has_no_session() {
            authenticate(alpha);

            assertRefused(() -> head.issue(alpha.requestKey("d-bravo")), ClusterError.CLUSTER_MEMBER_UNKNOWN);
        }

        @Test
        void a_stale_hello_from_a_member_whose_clock_is_31_s_behind() {
            AtomicLong late = new AtomicLong(clock.get() - 31_000);
            ClusterMember slow = new ClusterMember("d-alpha", "d-head", key("device-1"), late::get);

            assertRefused(() -> head.hello(slow.hello()), ClusterError.CLUSTER_EXCHANGE_STALE);
        }

        @Test
        void a_finish_arriving_after_the_exchange_went_stale() {
            byte[] reply = head.hello(alpha.hello());
            byte[] finish = alpha.finish(reply, headKeys.publicParameters());
            clock.addAndGet(30_001);

            assertRefused(() -> head.finish(finish), ClusterError.CLUSTER_EXCHANGE_STALE);
        }

        @Test
        void a_replayed_hello_and_a_replayed_finish() {
            byte[] hello = alpha.hello();
            byte[] finish = alpha.finish(head.hello(hello), headKeys.publicParameters());
            head.finish(finish);

            assertRefused(() -> head.hello(hello), ClusterError.CLUSTER_EXCHANGE_REPLAYED);
            assertRefused(() -> head.finish(finish), ClusterError.CLUSTER_EXCHANGE_REPLAYED);
        }

        @Test
        void a_replayed_key_request() {
            authenticate(alpha);
            authenticate(bravo);
            byte[] request = alpha.requestKey("d-bravo");
            head.issue(request);

            assertRefused(() -> head.issue(request), ClusterError.CLUSTER_EXCHANGE_REPLAYED);
        }

        @Test
        void a_finish_signed_with_a_key_other_than_the_registered_one() {
            ClusterMember impostor = new ClusterMember("d-alpha", "d-head", key("device-3"), clock::get);
            byte[] finish = impostor.finish(head.hello(impostor.hello()), headKeys.publicParameters());

            assertRefused(() -> head.finish(finish), ClusterError.CLUSTER_SIGNATURE_INVALID);
        }

        @Test
        void a_reply_signed_by_a_head_other_than_the_registered_one() {
            ClusterHead impostor = new ClusterHead("d-head", key("device-1"), directory, clock::get, LIFETIME_MS, 10);
            byte[] reply = impostor.hello(alpha.hello());

            assertRefused(
                    () -> alpha.finish(reply, headKeys.publicParameters()), ClusterError.CLUSTER_SIGNATURE_INVALID);
        }

        @Test
        void a_message_under_an_expired_key() {
            authenticate(alpha);
            authenticate(bravo);
            issue(alpha, "d-bravo");
            byte[] message = alpha.send("d-bravo", new byte[] {1});
            clock.addAndGet(LIFETIME_MS);

            assertRefused(() -> bravo.receive(message), ClusterError.CLUSTER_KEY_EXPIRED);
            assertRefused(() -> alpha.send("d-bravo", new byte[] {2}), ClusterError.CLUSTER_KEY_EXPIRED);
        }

        @Test
        void a_message_whose_nonce_was_already_used() {
            authenticate(alpha);
            authenticate(bravo);
            issue(alpha, "d-bravo");
            byte[] message = alpha.send("d-bravo", new byte[] {1});
            bravo.receive(message);

            assertRefused(() -> bravo.receive(message), ClusterError.CLUSTER_NONCE_REUSED);
        }

        @Test
        void a_message_to_or_from_a_peer_without_a_key() {
            authenticate(alpha);
            authenticate(bravo);

            assertRefused(() -> alpha.send("d-bravo", new byte[] {1}), ClusterError.CLUSTER_KEY_UNKNOWN);

            issue(alpha, "d-bravo");
            byte[] message = alpha.send("d-bravo", new byte[] {1});
            ClusterMember bravoWithoutTheKey = member("d-bravo", "device-3");

            assertRefused(() -> bravoWithoutTheKey.receive(message), ClusterError.CLUSTER_KEY_UNKNOWN);
        }
    }

    private void authenticate(ClusterMember member) {
        head.finish(member.finish(head.hello(member.hello()), headKeys.publicParameters()));
    }

    private KeyGrant issue(ClusterMember requester, String peer) {
        ClusterHead.Issued issued = head.issue(requester.requestKey(peer));
        boolean alphaFirst = issued.grant().first().equals("d-alpha");
        alpha.accept(alphaFirst ? issued.toFirst() : issued.toSecond());
        bravo.accept(alphaFirst ? issued.toSecond() : issued.toFirst());
        return issued.grant();
    }

    private ClusterMember member(String deviceId, String keyName) {
        return new ClusterMember(deviceId, "d-head", key(keyName), clock::get);
    }

    static DeviceKeys key(String name) {
        Map<String, Object> key = VectorFiles.maps(VectorFiles.read("keys.json").get("keys")).stream()
                .filter(entry -> name.equals(entry.get("name")))
                .findFirst()
                .orElseThrow();
        return DeviceKeys.fromPrivateScalar(new BigInteger((String) key.get("private_scalar_hex"), 16));
    }

    /** Real lines of the Intel Berkeley Lab connectivity file: mote pairs and their delivery probabilities. */
    private static List<String> connectivityLines() throws IOException {
        try (var lines = Files.lines(Path.of("..", "..", "shared", "data", "intel_lab", "connectivity.txt"))) {
            return lines.limit(20).toList();
        }
    }

    private static void assertRefused(ThrowingCallable call, ClusterError error) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ClusterRefusedException.class, e -> assertThat(e.error())
                .isEqualTo(error));
    }
}
