/*
 * Steps 2 to 8 of protocol/firmware-manifest-v1.md on the device, and the biotdm-firmware-receipt-v1 it signs after
 * installing. The manifest's signed bytes and the receipt are streamed through SHA-256, never buffered.
 */
#include <string.h>

#include "biotdm/firmware.h"
#include "text.h"

static void put_line(const biotdm_sink *out, const char *name, const char *value) {
    biotdm_put(out, name);
    biotdm_put(out, value);
    biotdm_put(out, "\n");
}

static void put_number_line(const biotdm_sink *out, const char *name, uint32_t value) {
    biotdm_put(out, name);
    biotdm_put_u64(out, value);
    biotdm_put(out, "\n");
}

int biotdm_manifest_canonical(const biotdm_manifest *m, const biotdm_sink *out) {
    if (m->sequence == 0) { /* biotdm_manifest_parse never leaves a manifest with sequence 0 */
        return BIOTDM_ERR_ARGUMENT;
    }
    biotdm_put(out, "biotdm-firmware-manifest-v1\n");
    put_line(out, "model=", m->model);
    put_line(out, "version=", m->version);
    put_number_line(out, "sequence=", m->sequence);
    put_number_line(out, "size=", m->size);
    put_line(out, "sha256=", m->sha256);
    put_line(out, "keyId=", m->key_id);
    return BIOTDM_OK;
}

/* Step 3: the key keyId names among those trusted for the model's manufacturer (the MSP ID before '/'). */
static const biotdm_firmware_key *trusted_key(const biotdm_manifest *m, const biotdm_firmware_key *keys, size_t n) {
    size_t manufacturer_len = (size_t)(strchr(m->model, '/') - m->model);
    size_t i;
    for (i = 0; i < n; i++) {
        char id[65];
        if (strlen(keys[i].manufacturer) != manufacturer_len
                || memcmp(keys[i].manufacturer, m->model, manufacturer_len) != 0) {
            continue;
        }
        biotdm_key_id(keys[i].pub, id);
        if (strcmp(id, m->key_id) == 0) {
            return &keys[i];
        }
    }
    return NULL;
}

/* Step 4: the signature over the seven canonical lines. */
static int signature_verifies(const biotdm_manifest *m, const biotdm_firmware_key *key) {
    br_sha256_context sha;
    biotdm_sink sink = biotdm_sha256_sink(&sha);
    uint8_t hash[32];
    br_sha256_init(&sha);
    biotdm_manifest_canonical(m, &sink);
    br_sha256_out(&sha, hash);
    return biotdm_verify_hash(key->pub, hash, m->signature, m->signature_len) == BIOTDM_OK;
}

int biotdm_manifest_verify(const biotdm_manifest *m, const biotdm_firmware_key *keys, size_t key_count,
                           const char *device_model, uint32_t installed_sequence) {
    const biotdm_firmware_key *key;
    if (m->sequence == 0) {
        return BIOTDM_ERR_FIRMWARE_MANIFEST_INVALID;
    }
    if (m->signature_state == BIOTDM_SIGNATURE_NONE) {
        return BIOTDM_ERR_FIRMWARE_UNSIGNED;
    }
    if ((key = trusted_key(m, keys, key_count)) == NULL) {
        return BIOTDM_ERR_FIRMWARE_SIGNING_KEY_UNKNOWN;
    }
    if (m->signature_state != BIOTDM_SIGNATURE_DECODED || !signature_verifies(m, key)) {
        return BIOTDM_ERR_FIRMWARE_SIGNATURE_INVALID;
    }
    if (strcmp(m->model, device_model) != 0) {
        return BIOTDM_ERR_FIRMWARE_MODEL_MISMATCH;
    }
    return m->sequence > installed_sequence ? BIOTDM_OK : BIOTDM_ERR_FIRMWARE_DOWNGRADE;
}

void biotdm_image_begin(biotdm_image_check *c, const biotdm_manifest *m) {
    br_sha256_init(&c->sha);
    c->expected_size = m->size;
    c->received = 0;
    memcpy(c->expected_sha256, m->sha256, sizeof c->expected_sha256);
}

int biotdm_image_update(biotdm_image_check *c, const void *data, size_t len) {
    if (len > c->expected_size - c->received) {
        return BIOTDM_ERR_FIRMWARE_IMAGE_SIZE_MISMATCH;
    }
    br_sha256_update(&c->sha, data, len);
    c->received += (uint32_t)len;
    return BIOTDM_OK;
}

int biotdm_image_finish(biotdm_image_check *c) {
    uint8_t hash[32];
    char hex[65];
    if (c->received != c->expected_size) {
        return BIOTDM_ERR_FIRMWARE_IMAGE_SIZE_MISMATCH;
    }
    br_sha256_out(&c->sha, hash);
    biotdm_hex(hash, sizeof hash, hex);
    return strcmp(hex, c->expected_sha256) == 0 ? BIOTDM_OK : BIOTDM_ERR_FIRMWARE_IMAGE_HASH_MISMATCH;
}

int biotdm_firmware_receipt_canonical(const char *device_id, const biotdm_manifest *installed,
                                      const biotdm_sink *out) {
    if (biotdm_check_device_id(device_id) != BIOTDM_OK || installed->sequence == 0) {
        return BIOTDM_ERR_ARGUMENT;
    }
    biotdm_put(out, "biotdm-firmware-receipt-v1\n");
    put_line(out, "deviceId=", device_id);
    put_line(out, "model=", installed->model);
    put_line(out, "version=", installed->version);
    put_number_line(out, "sequence=", installed->sequence);
    put_line(out, "sha256=", installed->sha256);
    return BIOTDM_OK;
}

int biotdm_firmware_receipt_sign(const biotdm_key *key, const char *device_id, const biotdm_manifest *installed,
                                 uint8_t sig[64]) {
    br_sha256_context sha;
    biotdm_sink sink = biotdm_sha256_sink(&sha);
    uint8_t hash[32];
    int status;
    br_sha256_init(&sha);
    status = biotdm_firmware_receipt_canonical(device_id, installed, &sink);
    if (status != BIOTDM_OK) {
        return status;
    }
    br_sha256_out(&sha, hash);
    return biotdm_sign_hash(key, hash, sig);
}

const char *biotdm_firmware_error_code(int status) {
    static const char *const CODES[] = {
        "FIRMWARE_MANIFEST_INVALID",    "FIRMWARE_UNSIGNED",       "FIRMWARE_SIGNING_KEY_UNKNOWN",
        "FIRMWARE_SIGNATURE_INVALID",   "FIRMWARE_MODEL_MISMATCH", "FIRMWARE_DOWNGRADE",
        "FIRMWARE_IMAGE_SIZE_MISMATCH", "FIRMWARE_IMAGE_HASH_MISMATCH"};
    int index = BIOTDM_ERR_FIRMWARE_MANIFEST_INVALID - status;
    return index >= 0 && index < (int)(sizeof CODES / sizeof CODES[0]) ? CODES[index] : NULL;
}
