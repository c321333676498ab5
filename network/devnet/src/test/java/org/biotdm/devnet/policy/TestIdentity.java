package org.biotdm.devnet.policy;

import com.google.protobuf.ByteString;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.Set;
import org.biotdm.devnet.msp.MspIdentity;
import org.hyperledger.fabric.protos.msp.SerializedIdentity;

/** An identity without cryptography: policies only look at the MSP ID, OUs, serialization and certificate. */
record TestIdentity(String mspId, Set<String> organizationalUnits, ByteString serialized, X509Certificate certificate)
        implements MspIdentity {

    static TestIdentity of(String mspId, String ou, String name) {
        ByteString serialized = SerializedIdentity.newBuilder()
                .setMspid(mspId)
                .setIdBytes(ByteString.copyFromUtf8(name))
                .build()
                .toByteString();
        return new TestIdentity(mspId, ou == null ? Set.of() : Set.of(ou), serialized, null);
    }

    static TestIdentity peer(String mspId) {
        return of(mspId, "peer", "peer0." + mspId);
    }

    static TestIdentity client(String mspId) {
        return of(mspId, "client", "user1." + mspId);
    }

    static TestIdentity admin(String mspId) {
        return of(mspId, "admin", "admin." + mspId);
    }

    @Override
    public PublicKey publicKey() {
        throw new UnsupportedOperationException("policies never need the key");
    }

    @Override
    public boolean verify(byte[] message, byte[] signature) {
        throw new UnsupportedOperationException("policies never verify signatures");
    }
}
