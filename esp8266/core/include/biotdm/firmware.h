/*
 * Signed firmware on the device (protocol/firmware-manifest-v1.md): reading the manifest a firmware-update command
 * carries, its eight checks in the protocol's order, the image hashed as it streams in, and the installation receipt
 * signed after the reboot. No heap: every structure is the caller's; the manifest's JSON is tokenised with jsmn
 * (a header-only zero-allocation tokenizer, Debian's libjsmn-dev) into a bounded token array on the stack.
 */
#ifndef BIOTDM_FIRMWARE_H
#define BIOTDM_FIRMWARE_H

#include <bearssl.h>

#include "biotdm/biotdm.h"

/* Longest model, `<manufacturer MSP ID>/<model name>`, each part device-ID-shaped (protocol/names.md). */
#define BIOTDM_MODEL_MAX (2 * BIOTDM_DEVICE_ID_MAX + 1)
/* Longest version text (SemVer 2.0.0 without build metadata). */
#define BIOTDM_VERSION_MAX 64
/* Longest decoded signature: a DER ECDSA-Sig-Value on P-256 takes at most 72 bytes, raw r||s 64. */
#define BIOTDM_MANIFEST_SIGNATURE_MAX 72

/* JSON tokens one manifest may hold (its object, members' names and values, nested values of members the device
 * ignores); a manifest with more is refused as FIRMWARE_MANIFEST_INVALID. Each token takes 16 bytes of stack. */
#ifndef BIOTDM_MANIFEST_TOKENS
#define BIOTDM_MANIFEST_TOKENS 40
#endif

/** Where the signature member stood after parsing: step 2 refuses NONE, step 4 refuses UNDECODABLE. */
typedef enum {
    BIOTDM_SIGNATURE_NONE = 0,       /* absent, null or "" */
    BIOTDM_SIGNATURE_DECODED = 1,    /* base64 decoded into signature[] */
    BIOTDM_SIGNATURE_UNDECODABLE = 2 /* a string that is not padded standard base64 of at most 72 bytes */
} biotdm_signature_state;

/**
 * A manifest whose step 1 passed: every text member NUL-terminated and within its rule, the integers in range.
 * Filled only by biotdm_manifest_parse; the installed firmware's manifest is worth keeping in storage as it is
 * (its fields make the receipt).
 */
typedef struct {
    char model[BIOTDM_MODEL_MAX + 1];
    char version[BIOTDM_VERSION_MAX + 1];
    uint32_t sequence; /* 1 .. 2^32 - 1, the anti-rollback counter */
    uint32_t size;     /* the image length in bytes, 1 .. 2^30 */
    char sha256[65];   /* the image's SHA-256, lower-case hex */
    char key_id[65];   /* SHA-256 of the signing key's DER SubjectPublicKeyInfo, lower-case hex */
    uint8_t signature[BIOTDM_MANIFEST_SIGNATURE_MAX];
    size_t signature_len;
    biotdm_signature_state signature_state;
} biotdm_manifest;

/**
 * A firmware-signing key the device was built with (step 3): the manufacturer's MSP ID it is trusted for and its
 * uncompressed P-256 public key (0x04 || X || Y). Its ID is computed, never configured (biotdm_key_id).
 */
typedef struct {
    const char *manufacturer;
    uint8_t pub[65];
} biotdm_firmware_key;

/**
 * Step 1 (and the decoding that steps 2 and 4 need): reads the manifest JSON object (RFC 8259) of len bytes.
 * Members other than the protocol's are ignored, whatever their value; a member named twice is refused.
 * Returns BIOTDM_OK or BIOTDM_ERR_FIRMWARE_MANIFEST_INVALID (not an object, a member missing, of the wrong JSON type
 * or breaking its rule, more than BIOTDM_MANIFEST_TOKENS tokens). jsmn tokenises without validating every JSON
 * grammar rule (a missing comma between members passes), which the gateway and the chaincode, which see every
 * manifest first, do check.
 */
int biotdm_manifest_parse(const char *json, size_t len, biotdm_manifest *m);

/** Writes the manifest's signed bytes, its seven canonical lines; BIOTDM_ERR_ARGUMENT for an unparsed manifest. */
int biotdm_manifest_canonical(const biotdm_manifest *m, const biotdm_sink *out);

/**
 * Steps 2 to 6 for this device: signed; keyId names one of keys trusted for the model's manufacturer; the
 * signature verifies over the canonical lines; the model is device_model; sequence is above installed_sequence
 * (0 when the device knows none). Returns BIOTDM_OK or the first failing step's BIOTDM_ERR_FIRMWARE_* code.
 */
int biotdm_manifest_verify(const biotdm_manifest *m, const biotdm_firmware_key *keys, size_t key_count,
                           const char *device_model, uint32_t installed_sequence);

/** Steps 7 and 8 over an image arriving in pieces (HTTP Range chunks): the byte count and SHA-256 so far. */
typedef struct {
    br_sha256_context sha;
    uint32_t expected_size;
    uint32_t received;
    char expected_sha256[65];
} biotdm_image_check;

/** Starts checking the image a verified manifest describes. */
void biotdm_image_begin(biotdm_image_check *c, const biotdm_manifest *m);

/**
 * Hashes the next len bytes. Returns BIOTDM_ERR_FIRMWARE_IMAGE_SIZE_MISMATCH as soon as more than the manifest's
 * size has arrived (the caller stops downloading and installs nothing), else BIOTDM_OK.
 */
int biotdm_image_update(biotdm_image_check *c, const void *data, size_t len);

/**
 * Ends the check: BIOTDM_ERR_FIRMWARE_IMAGE_SIZE_MISMATCH when fewer bytes than size arrived,
 * BIOTDM_ERR_FIRMWARE_IMAGE_HASH_MISMATCH when the SHA-256 differs, BIOTDM_OK when the image may be installed.
 */
int biotdm_image_finish(biotdm_image_check *c);

/**
 * Writes the biotdm-firmware-receipt-v1 canonical text (six lines) for device_id running the firmware of the
 * installed manifest; BIOTDM_ERR_ARGUMENT for a bad device ID or an unparsed manifest.
 */
int biotdm_firmware_receipt_canonical(const char *device_id, const biotdm_manifest *installed,
                                      const biotdm_sink *out);

/** Signs that receipt with the device key into raw r||s; errors as above, BIOTDM_ERR_CRYPTO. */
int biotdm_firmware_receipt_sign(const biotdm_key *key, const char *device_id, const biotdm_manifest *installed,
                                 uint8_t sig[64]);

/**
 * The catalogue code (protocol/errors.md) of a BIOTDM_ERR_FIRMWARE_* status, for the FAILED state's reason, such
 * as "FIRMWARE_DOWNGRADE"; NULL for any other status.
 */
const char *biotdm_firmware_error_code(int status);

#endif
