/*
 * The cluster member of protocol/cluster-keys-v1.md: the authentication with its cluster head (hello, the head's
 * signed reply, finish; a key-encryption key from P-256 ECDH and HKDF-SHA256, RFC 5869), the key request, the head's
 * key grant unwrapped with AES-256-GCM (NIST SP 800-38D), and messages to the peer under the pairwise key with a
 * counter per direction and a 64-message replay window (RFC 4303, section 3.4.3). The head's side and the gateway's
 * membership answers are the Java SDK's. No heap: every structure is the caller's; randomness (the ephemeral key,
 * the exchange nonce) comes from the caller's platform RNG.
 */
#ifndef BIOTDM_CLUSTER_H
#define BIOTDM_CLUSTER_H

#include "biotdm/biotdm.h"

/* Bytes of the longest hello, reply, finish and key request (two 64-byte device IDs). */
#define BIOTDM_CLUSTER_HELLO_MAX (24 + 65 + 65 + 8 + 16 + 65)
#define BIOTDM_CLUSTER_REPLY_LEN (24 + 16 + 65 + 64)
#define BIOTDM_CLUSTER_FINISH_MAX (25 + 65 + 16 + 64)
#define BIOTDM_CLUSTER_REQUEST_MAX (25 + 65 + 65 + 8 + 16)
/* A message's header (label, keyId, direction, counter) and tag around at most 1024 bytes of plaintext. */
#define BIOTDM_CLUSTER_HEADER_LEN (22 + 16 + 1 + 8)
#define BIOTDM_CLUSTER_PLAINTEXT_MAX 1024
#define BIOTDM_CLUSTER_MESSAGE_MAX (BIOTDM_CLUSTER_HEADER_LEN + BIOTDM_CLUSTER_PLAINTEXT_MAX + 16)

/** One authentication with the head, from the hello to the KEK. Holds the ephemeral secret until the reply. */
typedef struct {
    char member[BIOTDM_DEVICE_ID_MAX + 1];
    char head[BIOTDM_DEVICE_ID_MAX + 1];
    uint64_t time;
    uint8_t nonce[16];
    biotdm_key ephemeral; /* x and G_X; the secret is wiped once the KEK is derived */
    uint8_t kek[32];      /* valid once biotdm_cluster_reply returned BIOTDM_OK */
} biotdm_cluster_exchange;

/**
 * Starts an exchange: writes the hello of member to head (time: epoch ms; nonce: 16 random bytes; ephemeral: a
 * fresh key from biotdm_key_generate) into out. Returns its length, BIOTDM_ERR_ARGUMENT for a bad device ID,
 * BIOTDM_ERR_BUFFER when cap is below BIOTDM_CLUSTER_HELLO_MAX.
 */
int biotdm_cluster_hello(biotdm_cluster_exchange *e, const char *member, const char *head, uint64_t time,
                         const uint8_t nonce[16], const biotdm_key *ephemeral, uint8_t *out, size_t cap);

/**
 * Takes the head's reply: BIOTDM_ERR_CLUSTER_EXCHANGE_INVALID for a malformed reply, another nonce or a share that
 * is not a point of P-256; BIOTDM_ERR_CLUSTER_SIGNATURE_INVALID when sig_2 does not verify with head_pub (the head's
 * registered key, from the gateway). Then derives the KEK and writes the finish, signed with the member's device key,
 * into out (BIOTDM_CLUSTER_FINISH_MAX bytes suffice); returns its length, or BIOTDM_ERR_BUFFER, BIOTDM_ERR_CRYPTO.
 */
int biotdm_cluster_reply(biotdm_cluster_exchange *e, const uint8_t head_pub[65], const biotdm_key *device_key,
                         const uint8_t *reply, size_t len, uint8_t *out, size_t cap);

/**
 * Writes the key request for a key with peer, sealed under the KEK (P followed by its GCM tag). Returns its length,
 * BIOTDM_ERR_ARGUMENT for a bad ID or peer equal to member, BIOTDM_ERR_BUFFER.
 */
int biotdm_cluster_key_request(const uint8_t kek[32], const char *member, const char *peer, uint64_t time,
                               uint8_t *out, size_t cap);

/** A pairwise key with one peer, and the state of both directions. */
typedef struct {
    uint8_t key_id[16];
    uint8_t key[32];
    uint64_t expires_at; /* epoch ms */
    uint8_t direction;   /* this member's: 1 when it is first of the pair, 2 when second */
    uint32_t sent;       /* the last counter sent */
    uint32_t highest;    /* the highest counter received and verified */
    uint64_t window;     /* bit i: counter highest - i received */
} biotdm_cluster_channel;

/**
 * Accepts the head's delivery G || W for member (at time now, epoch ms): BIOTDM_ERR_CLUSTER_EXCHANGE_INVALID when
 * malformed, not naming head, or member is not one of the pair; BIOTDM_ERR_CLUSTER_MESSAGE_INVALID when the wrap does
 * not open with the KEK (another member's, a changed field); BIOTDM_ERR_CLUSTER_KEY_EXPIRED. On BIOTDM_OK the channel
 * holds the pairwise key, with no counter used.
 */
int biotdm_cluster_accept(const uint8_t kek[32], const char *member, const char *head, uint64_t now,
                          const uint8_t *delivery, size_t len, biotdm_cluster_channel *c);

/**
 * Seals plaintext (at most 1024 bytes) to the peer with the next counter: H || ciphertext || tag into out (len +
 * BIOTDM_CLUSTER_HEADER_LEN + 16 bytes). Returns that length; BIOTDM_ERR_CLUSTER_KEY_EXPIRED at expires_at or when
 * the counters are used up; BIOTDM_ERR_CLUSTER_MESSAGE_INVALID for a longer plaintext; BIOTDM_ERR_BUFFER.
 */
int biotdm_cluster_seal(biotdm_cluster_channel *c, uint64_t now, const uint8_t *plaintext, size_t len, uint8_t *out,
                        size_t cap);

/**
 * Opens a message from the peer, in the spec's order: label and length, key ID (BIOTDM_ERR_CLUSTER_KEY_UNKNOWN),
 * expiry, the peer's direction and counter range (BIOTDM_ERR_CLUSTER_MESSAGE_INVALID), the replay window
 * (BIOTDM_ERR_CLUSTER_NONCE_REUSED), the tag (BIOTDM_ERR_CLUSTER_MESSAGE_INVALID). Only a verified message moves the
 * window. Returns the plaintext's length in out (cap bytes), or the refusal (out is then wiped).
 */
int biotdm_cluster_open(biotdm_cluster_channel *c, uint64_t now, const uint8_t *message, size_t len, uint8_t *out,
                        size_t cap);

/** The catalogue code of a BIOTDM_ERR_CLUSTER_* status, such as "CLUSTER_NONCE_REUSED"; NULL for any other. */
const char *biotdm_cluster_error_code(int status);

#endif
