/*
 * BIoT-DM device core: the device side of protocol/ in C99, for an ESP8266 and for the host. No heap, no floating
 * point; every buffer is the caller's and sized in config.h. Crypto is BearSSL (ECDSA P-256 over SHA-256, RFC 6979
 * deterministic nonces, the i15 code that suits a CPU without a 32x32->64 multiplier).
 */
#ifndef BIOTDM_H
#define BIOTDM_H

#include <stddef.h>
#include <stdint.h>

#include "biotdm/config.h"
#include "biotdm_platform.h"

/** What every core function returns: BIOTDM_OK or a negative error. */
typedef enum {
    BIOTDM_OK = 0,
    BIOTDM_ERR_ARGUMENT = -1,  /* a value the protocol refuses (device ID, sensor name, number token, range) */
    BIOTDM_ERR_TOO_LONG = -2,  /* a value longer than its config.h bound */
    BIOTDM_ERR_BUFFER = -3,    /* the caller's output buffer is too small */
    BIOTDM_ERR_RNG = -4,       /* the platform RNG failed */
    BIOTDM_ERR_CRYPTO = -5,    /* BearSSL refused the key or could not sign */
    BIOTDM_ERR_SIGNATURE = -6, /* a signature that does not verify */
    BIOTDM_ERR_STORAGE = -7,   /* platform storage failed */
    BIOTDM_ERR_FULL = -8,      /* the batch holds BIOTDM_BATCH_MAX readings, or is sealed */
    BIOTDM_ERR_EXHAUSTED = -9, /* the sequence number reached 2^63 - 1 */
    /* The eight firmware checks of protocol/firmware-manifest-v1.md, in its order (firmware.h). */
    BIOTDM_ERR_FIRMWARE_MANIFEST_INVALID = -10,
    BIOTDM_ERR_FIRMWARE_UNSIGNED = -11,
    BIOTDM_ERR_FIRMWARE_SIGNING_KEY_UNKNOWN = -12,
    BIOTDM_ERR_FIRMWARE_SIGNATURE_INVALID = -13,
    BIOTDM_ERR_FIRMWARE_MODEL_MISMATCH = -14,
    BIOTDM_ERR_FIRMWARE_DOWNGRADE = -15,
    BIOTDM_ERR_FIRMWARE_IMAGE_SIZE_MISMATCH = -16,
    BIOTDM_ERR_FIRMWARE_IMAGE_HASH_MISMATCH = -17,
    /* The member's refusals of protocol/cluster-keys-v1.md (cluster.h), named as in protocol/errors.md. */
    BIOTDM_ERR_CLUSTER_EXCHANGE_INVALID = -20,
    BIOTDM_ERR_CLUSTER_SIGNATURE_INVALID = -21,
    BIOTDM_ERR_CLUSTER_MESSAGE_INVALID = -22,
    BIOTDM_ERR_CLUSTER_KEY_UNKNOWN = -23,
    BIOTDM_ERR_CLUSTER_KEY_EXPIRED = -24,
    BIOTDM_ERR_CLUSTER_NONCE_REUSED = -25,
    /* A value the protocol allows but the device cannot handle exactly (canonical JSON: a number with more than 15
     * significant digits and a fraction or an exponent, which needs binary64's shortest digits; json.h). */
    BIOTDM_ERR_UNSUPPORTED = -30
} biotdm_status;

/**
 * Where encoders write: write(ctx, data, len) is called with consecutive pieces. biotdm_buffer_sink fills a
 * caller buffer; the signer feeds SHA-256; a device loop can write straight to its transport.
 */
typedef struct {
    void (*write)(void *ctx, const void *data, size_t len);
    void *ctx;
} biotdm_sink;

/** A bounded output buffer; overflow stays set once a write did not fit (nothing past cap is written). */
typedef struct {
    uint8_t *buf;
    size_t cap;
    size_t len;
    int overflow;
} biotdm_buffer;

/** Returns a sink writing into b (b->len is the bytes written so far). */
biotdm_sink biotdm_buffer_sink(biotdm_buffer *b);

/* ---- keys (key.c) ---------------------------------------------------------------------------------------- */

/** A P-256 key pair: the private scalar (big-endian) and the public point, uncompressed (0x04 || X || Y). */
typedef struct {
    uint8_t secret[32];
    uint8_t pub[65];
} biotdm_key;

/**
 * Generates a key: 48 bytes of the platform RNG seed an HMAC-DRBG (SP 800-90A) from which BearSSL draws the
 * scalar. BIOTDM_ERR_RNG when the RNG fails, BIOTDM_ERR_CRYPTO when BearSSL does.
 */
int biotdm_key_generate(biotdm_key *key, biotdm_rng_fn rng, void *rng_ctx);

/** Loads a key from its 32-byte private scalar (from storage); BIOTDM_ERR_CRYPTO when it is 0 or not below n. */
int biotdm_key_from_secret(biotdm_key *key, const uint8_t secret[32]);

/** Signs a SHA-256 hash: raw r||s (IEEE P1363, 64 bytes), RFC 6979 nonce. BIOTDM_ERR_CRYPTO on failure. */
int biotdm_sign_hash(const biotdm_key *key, const uint8_t hash[32], uint8_t sig[64]);

/**
 * Verifies a signature over a SHA-256 hash by an uncompressed P-256 public key, read as protocol/telemetry-v1.md
 * says: exactly 64 bytes is raw r||s, anything else strict DER ECDSA-Sig-Value. BIOTDM_OK or BIOTDM_ERR_SIGNATURE.
 */
int biotdm_verify_hash(const uint8_t pub[65], const uint8_t hash[32], const uint8_t *sig, size_t sig_len);

/** Writes the SHA-256 of data as 64 lower-case hex digits and a NUL into hex. */
void biotdm_sha256_hex(const void *data, size_t len, char hex[65]);

/**
 * Writes standard base64 with padding (RFC 4648 section 4) of data and a NUL into out; returns the characters
 * written without the NUL, or BIOTDM_ERR_BUFFER when cap is below 4 * ceil(len / 3) + 1.
 */
int biotdm_base64(const uint8_t *data, size_t len, char *out, size_t cap);

/**
 * Decodes len characters of standard base64 with padding (RFC 4648 section 4): a multiple of 4 characters of the
 * alphabet, '=' only as the last one or two, unused bits zero (section 3.5). Returns the bytes written to out,
 * BIOTDM_ERR_ARGUMENT for text that breaks those rules, BIOTDM_ERR_BUFFER when more than cap bytes would result.
 */
int biotdm_base64_decode(const char *text, size_t len, uint8_t *out, size_t cap);

/* ---- provisioning CSR (csr.c) -------------------------------------------------------------------------- */

/**
 * Writes the provisioning CSR (PKCS#10, RFC 2986) of key for device_id in DER into out: subject CN=device_id,
 * SubjectPublicKeyInfo id-ecPublicKey prime256v1 (RFC 5480), no attributes, signed ecdsa-with-SHA256 (RFC 5758).
 * Returns the length, BIOTDM_ERR_ARGUMENT for a bad device ID, BIOTDM_ERR_BUFFER when cap is too small
 * (BIOTDM_CSR_DER_MAX always suffices), BIOTDM_ERR_CRYPTO when signing fails.
 */
int biotdm_csr_der(const biotdm_key *key, const char *device_id, uint8_t *out, size_t cap);

/** The same CSR as PEM "CERTIFICATE REQUEST" (NUL-terminated, 64-column lines) for provisioning.md's request. */
int biotdm_csr_pem(const biotdm_key *key, const char *device_id, char *out, size_t cap);

/**
 * Writes a P-256 public key's ID, the SHA-256 of its DER SubjectPublicKeyInfo (RFC 5480: id-ecPublicKey,
 * prime256v1, the uncompressed point), as 64 lower-case hex digits and a NUL, as protocol/firmware-manifest-v1.md's
 * keyId and keys.json's key_id define it.
 */
void biotdm_key_id(const uint8_t pub[65], char hex[65]);

/** Checks a device ID against [A-Za-z0-9][A-Za-z0-9._-]{0,63}: BIOTDM_OK or BIOTDM_ERR_ARGUMENT. */
int biotdm_check_device_id(const char *id);

/* ---- telemetry (telemetry.c) ---------------------------------------------------------------------------- */

/** A reading's kind, as the canonical line writes it. */
typedef enum { BIOTDM_NUMBER = 'N', BIOTDM_STRING = 'S', BIOTDM_BOOLEAN = 'B' } biotdm_kind;

/**
 * One reading, stored by value so a batch can be persisted as bytes. value is the exact text that is signed: a
 * JSON number token as the device formats it (never through a float), a UTF-8 string, or "true"/"false". An
 * empty unit means none; has_ts 0 means the reading takes the batch's time.
 */
typedef struct {
    char sensor[BIOTDM_SENSOR_MAX + 1];
    char value[BIOTDM_VALUE_MAX + 1];
    char unit[BIOTDM_UNIT_MAX + 1];
    uint8_t kind;
    uint8_t has_ts;
    uint64_t ts;
} biotdm_reading;

/**
 * Fills r; the strings are copied. Checks the protocol's rules (names.md, telemetry-v1.md): sensor name of 1..64
 * code points without '|', controls, U+2028/9, spaces at either end (NFC is the caller's: ASCII names always are);
 * a number token per RFC 8259; a non-empty string value and unit without '|' or controls; ts below 2^63.
 * BIOTDM_ERR_ARGUMENT or BIOTDM_ERR_TOO_LONG on a refused value (r is then unchanged).
 */
int biotdm_reading_set(biotdm_reading *r, const char *sensor, biotdm_kind kind, const char *value, const char *unit,
                       int has_ts, uint64_t ts);

/** A batch header: the device, its sequence number and the batch time (epoch ms, 1 .. 2^63 - 1). */
typedef struct {
    const char *device_id;
    uint64_t seq;
    uint64_t ts;
} biotdm_batch_header;

/**
 * Writes the biotdm-telemetry-v1 canonical text of the batch to out. BIOTDM_ERR_ARGUMENT for a bad device ID,
 * seq or ts, no readings or more than BIOTDM_BATCH_MAX, or a reading that breaks the rules above.
 */
int biotdm_telemetry_canonical(const biotdm_batch_header *h, const biotdm_reading *r, size_t n,
                               const biotdm_sink *out);

/** Signs the canonical text (streamed through SHA-256, never buffered) into raw r||s; errors as above. */
int biotdm_telemetry_sign(const biotdm_key *key, const biotdm_batch_header *h, const biotdm_reading *r, size_t n,
                          uint8_t sig[64]);

/** Writes the JSON body {"seq","ts","readings","sig"} of a signed batch to out; errors as above. */
int biotdm_telemetry_body(const biotdm_batch_header *h, const biotdm_reading *r, size_t n, const uint8_t sig[64],
                          const biotdm_sink *out);

/* ---- receipts (receipt.c) ------------------------------------------------------------------------------- */

/** A command's outcome, as biotdm-receipt-v1 names it. */
typedef enum { BIOTDM_SUCCEEDED = 0, BIOTDM_FAILED = 1, BIOTDM_REJECTED = 2 } biotdm_command_status;

/**
 * A command receipt: the three ledger identifiers, the parameters hash the command arrived with and the hash of
 * the canonical JSON of the result (biotdm_sha256_hex of no bytes when there is none), both 64 lower-case hex.
 */
typedef struct {
    const char *command_id;
    const char *device_id;
    const char *command_type;
    const char *parameters_sha256;
    biotdm_command_status status;
    const char *result_sha256;
} biotdm_receipt;

/** Writes the biotdm-receipt-v1 canonical text; BIOTDM_ERR_ARGUMENT for a bad identifier, hash or status. */
int biotdm_receipt_canonical(const biotdm_receipt *rc, const biotdm_sink *out);

/** Signs the receipt into raw r||s; errors as biotdm_receipt_canonical, BIOTDM_ERR_CRYPTO. */
int biotdm_receipt_sign(const biotdm_key *key, const biotdm_receipt *rc, uint8_t sig[64]);

#endif
