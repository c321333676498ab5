package org.biotdm.chaincode.testing;

import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.hyperledger.fabric.contract.ClientIdentity;
import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.shim.ext.sbe.impl.StateBasedEndorsementFactory;

/**
 * A ledger and a clock for unit tests: submits run a transaction on the {@link InMemoryStub} and commit its writes
 * only when it succeeds; evaluations never commit. The Context and ClientIdentity are Mockito mocks.
 */
public final class World {
    /** Transaction time of the first transaction: 2024-01-01T00:00:00Z. */
    public static final long T0 = 1_704_067_200_000L;

    private final InMemoryStub stub = new InMemoryStub();
    private long clock = T0;
    private int txCounter;

    public InMemoryStub stub() {
        return stub;
    }

    /** The time the next transaction carries, epoch milliseconds. */
    public long now() {
        return clock;
    }

    /** Moves the clock forward. */
    public World advance(final long millis) {
        clock += millis;
        return this;
    }

    /** The txid the next transaction will carry. */
    public String nextTxId() {
        return "tx" + (txCounter + 1);
    }

    /** Runs a write transaction and commits it when it succeeds. */
    public String submit(final Identity who, final Function<Context, String> call) {
        return submit(who, Map.of(), call);
    }

    /** Runs a write transaction with transient data and commits it when it succeeds. */
    public String submit(
            final Identity who, final Map<String, byte[]> transientData, final Function<Context, String> call) {
        final String result = run(who, transientData, call);
        stub.commit();
        return result;
    }

    /** Runs a read-only transaction; nothing is committed. */
    public String evaluate(final Identity who, final Function<Context, String> call) {
        return run(who, Map.of(), call);
    }

    /**
     * Simulates the same proposal (same txid, time, submitter and transient data) twice on the current committed
     * state, as two endorsers would, and commits neither.
     */
    public List<Endorsement> endorseTwice(
            final Identity who, final Map<String, byte[]> transientData, final Function<Context, String> call) {
        txCounter++;
        final List<Endorsement> out = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            stub.begin("tx" + txCounter, Instant.ofEpochMilli(clock), transientData);
            final String result = call.apply(context(who));
            out.add(new Endorsement(result, stub.writes(), stub.metadataWrites(), stub.events()));
        }
        return out;
    }

    /** Builds the context a transaction by {@code who} would see. */
    public Context context(final Identity who) {
        final ClientIdentity identity = mock(ClientIdentity.class);
        when(identity.getMSPID()).thenReturn(who.mspId());
        when(identity.getId()).thenReturn(who.id());
        when(identity.getAttributeValue("biotdm.role")).thenReturn(who.role());
        final Context ctx = mock(Context.class);
        when(ctx.getStub()).thenReturn(stub);
        when(ctx.getClientIdentity()).thenReturn(identity);
        return ctx;
    }

    /** The committed value of a key as UTF-8 text, or {@code null}. */
    public String state(final String key) {
        final byte[] value = stub.committed(key);
        return value == null ? null : new String(value, StandardCharsets.UTF_8);
    }

    /**
     * The organisations named by a key's committed key-level endorsement policy.
     *
     * @param key the world-state key
     * @return the MSP IDs; empty when the key has no key-level policy
     */
    public List<String> keyPolicyOrgs(final String key) {
        final byte[] policy = stub.committedValidationParameter(key);
        return policy == null
                ? List.of()
                : StateBasedEndorsementFactory.getInstance()
                        .newStateBasedEndorsement(policy)
                        .listOrgs();
    }

    private String run(
            final Identity who, final Map<String, byte[]> transientData, final Function<Context, String> call) {
        txCounter++;
        stub.begin("tx" + txCounter, Instant.ofEpochMilli(clock), transientData);
        final Context ctx = context(who);
        try {
            return call.apply(ctx);
        } finally {
            if (stub.openIterators() != 0) {
                throw new AssertionError("A ledger iterator was left open");
            }
        }
    }
}
