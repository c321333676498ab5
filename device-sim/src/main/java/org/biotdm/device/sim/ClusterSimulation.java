package org.biotdm.device.sim;

import java.util.Objects;
import java.util.function.Consumer;
import org.biotdm.device.sdk.ClusterHead;
import org.biotdm.device.sdk.ClusterMember;
import org.biotdm.protocol.cluster.KeyGrant;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;

/**
 * Runs a cluster in one process: a {@link ClusterHead} and its {@link ClusterMember}s pass the bytes of {@code
 * biotdm-cluster-keys-v1} to each other directly, where real devices would use their radio. Each step reports one
 * line of what happened to a log (the command line prints it). Used by {@code biotdm cluster run} against a stack and
 * by {@code biotdm bench cluster} with a local directory.
 */
public final class ClusterSimulation {
    private final ClusterHead head;
    private final String headId;
    private final ECPublicKeyParameters headKey;
    private final Consumer<String> log;

    /**
     * Creates the simulation.
     *
     * @param head the head's role
     * @param headId the head's device ID
     * @param headKey the head's registered key, as the members learn it
     * @param log receives one line per step; {@code line -> {}} for none
     */
    public ClusterSimulation(ClusterHead head, String headId, ECPublicKeyParameters headKey, Consumer<String> log) {
        this.head = Objects.requireNonNull(head, "head");
        this.headId = headId;
        this.headKey = Objects.requireNonNull(headKey, "headKey");
        this.log = Objects.requireNonNull(log, "log");
    }

    /**
     * Authenticates a member to the head: hello, reply, finish.
     *
     * @param member the member
     * @throws org.biotdm.protocol.cluster.ClusterRefusedException when the head or the member refuses
     */
    public void join(ClusterMember member) {
        byte[] hello = member.hello();
        byte[] reply = head.hello(hello);
        byte[] finish = member.finish(reply, headKey);
        head.finish(finish);
        log.accept("JOIN " + member.deviceId() + " -> " + headId + ": hello " + hello.length + " B, reply "
                + reply.length + " B, finish " + finish.length + " B; both signatures verified, session open");
    }

    /**
     * Has the head issue a pairwise key for two members and delivers it to both.
     *
     * @param requester the member asking
     * @param peer the other member
     * @return the grant, whose hash the head's directory recorded
     * @throws org.biotdm.protocol.cluster.ClusterRefusedException when the head, its directory or a member refuses
     */
    public KeyGrant pair(ClusterMember requester, ClusterMember peer) {
        ClusterHead.Issued issued = head.issue(requester.requestKey(peer.deviceId()));
        KeyGrant grant = issued.grant();
        boolean requesterFirst = grant.first().equals(requester.deviceId());
        requester.accept(requesterFirst ? issued.toFirst() : issued.toSecond());
        peer.accept(requesterFirst ? issued.toSecond() : issued.toFirst());
        log.accept("GRANT key " + grant.keyIdHex() + " for " + grant.first() + " + " + grant.second() + ", expires "
                + grant.expiresAt() + ", grant sha256 " + grant.sha256Hex() + " recorded; key wrapped for both");
        return grant;
    }

    /**
     * Sends one message from a member to another under their newest key.
     *
     * @param from the sender
     * @param to the receiver
     * @param plaintext the message, at most 1024 bytes
     * @return what the receiver decrypted
     * @throws org.biotdm.protocol.cluster.ClusterRefusedException when the receiver refuses the message
     */
    public byte[] relay(ClusterMember from, ClusterMember to, byte[] plaintext) {
        byte[] message = from.send(to.deviceId(), plaintext);
        byte[] received = to.receive(message);
        log.accept("MSG " + from.deviceId() + " -> " + to.deviceId() + ": " + plaintext.length + " B plaintext, "
                + message.length + " B on the air, decrypted and inside the replay window");
        return received;
    }
}
