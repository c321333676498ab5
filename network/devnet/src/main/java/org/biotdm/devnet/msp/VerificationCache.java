package org.biotdm.devnet.msp;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.BooleanSupplier;
import org.biotdm.devnet.crypto.Hashes;

/**
 * Remembers signatures that verified, so the in-process peers validating the same block do not verify the same
 * endorsement once each. Only positive results are kept, under SHA-256 of (identity, message, signature); a hit
 * therefore needs a SHA-256 collision to be wrong.
 *
 * <p>It is a direct-mapped table of fixed size: a lookup or insert touches one slot without locks, and a collision
 * just replaces the older entry, which only costs a later re-verification.
 *
 * <p>The orderer hands each block to every peer at once, so the peers' committers check the same signatures at the same
 * moment and would all miss. {@link #verify} therefore lets one caller per key verify while concurrent callers with
 * the same key wait for its answer (single flight), and every signature is verified once per process.
 */
final class VerificationCache {
    /** 2^17 slots, about 131,000 signatures (some 7 MB). */
    static final int DEFAULT_SLOTS = 1 << 17;

    private static final VerificationCache SHARED = new VerificationCache(DEFAULT_SLOTS);

    private final AtomicReferenceArray<byte[]> slots;
    private final Map<ByteBuffer, CompletableFuture<Boolean>> inFlight = new ConcurrentHashMap<>();
    private final int mask;

    VerificationCache(int slots) {
        if (Integer.bitCount(slots) != 1) {
            throw new IllegalArgumentException("slots must be a power of two: " + slots);
        }
        this.slots = new AtomicReferenceArray<>(slots);
        this.mask = slots - 1;
    }

    /** Returns the process-wide cache that every {@link ChannelMsp} shares by default. */
    static VerificationCache shared() {
        return SHARED;
    }

    /** Computes the cache key; lengths are hashed too so that no two different inputs share a concatenation. */
    static byte[] key(byte[] identity, byte[] message, byte[] signature) {
        MessageDigest digest = Hashes.newDigest();
        digest.update(ByteBuffer.allocate(8)
                .putInt(identity.length)
                .putInt(message.length)
                .array());
        digest.update(identity);
        digest.update(message);
        digest.update(signature);
        return digest.digest();
    }

    boolean contains(byte[] key) {
        byte[] entry = slots.get(slot(key));
        return entry != null && Arrays.equals(entry, key);
    }

    /**
     * Returns whether a signature verifies, running the verification at most once at a time per key: a cached positive
     * result answers at once; otherwise the first caller verifies and callers arriving meanwhile share its result.
     */
    boolean verify(byte[] key, BooleanSupplier verification) {
        if (contains(key)) {
            return true;
        }
        ByteBuffer id = ByteBuffer.wrap(key);
        CompletableFuture<Boolean> mine = new CompletableFuture<>();
        CompletableFuture<Boolean> running = inFlight.putIfAbsent(id, mine);
        if (running != null) {
            return running.join();
        }
        try {
            boolean valid = contains(key) || verification.getAsBoolean();
            if (valid) {
                add(key);
            }
            mine.complete(valid);
            return valid;
        } catch (RuntimeException e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            inFlight.remove(id, mine);
        }
    }

    void add(byte[] key) {
        slots.set(slot(key), key);
    }

    private int slot(byte[] key) {
        return ((key[0] & 0xff) << 24 | (key[1] & 0xff) << 16 | (key[2] & 0xff) << 8 | key[3] & 0xff) & mask;
    }
}
