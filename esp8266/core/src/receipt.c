/* biotdm-receipt-v1 (protocol/receipt-v1.md): the canonical text of a command receipt and its signature. */
#include <string.h>

#include <bearssl.h>

#include "text.h"

static int is_id_char(char c, int first) {
    int alnum = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    return alnum || (!first && (c == '.' || c == '_' || c == '-'));
}

int biotdm_check_device_id(const char *id) {
    size_t i;
    if (id == NULL || id[0] == '\0') {
        return BIOTDM_ERR_ARGUMENT;
    }
    for (i = 0; id[i] != '\0'; i++) {
        if (i >= BIOTDM_DEVICE_ID_MAX || !is_id_char(id[i], i == 0)) {
            return BIOTDM_ERR_ARGUMENT;
        }
    }
    return BIOTDM_OK;
}

static int is_sha256_hex(const char *h) {
    size_t i;
    if (h == NULL) {
        return 0;
    }
    for (i = 0; i < 64; i++) {
        if (!((h[i] >= '0' && h[i] <= '9') || (h[i] >= 'a' && h[i] <= 'f'))) {
            return 0;
        }
    }
    return h[64] == '\0';
}

static const char *status_name(biotdm_command_status s) {
    switch (s) {
        case BIOTDM_SUCCEEDED:
            return "SUCCEEDED";
        case BIOTDM_FAILED:
            return "FAILED";
        case BIOTDM_REJECTED:
            return "REJECTED";
        default:
            return NULL;
    }
}

static void put_field(const biotdm_sink *out, const char *name, const char *value) {
    biotdm_put(out, name);
    biotdm_put(out, value);
    biotdm_put(out, "\n");
}

int biotdm_receipt_canonical(const biotdm_receipt *rc, const biotdm_sink *out) {
    const char *status = status_name(rc->status);
    /* command IDs and types follow the device ID's rule (the chaincode's Check.ID_REGEX) */
    if (biotdm_check_device_id(rc->command_id) != BIOTDM_OK || biotdm_check_device_id(rc->device_id) != BIOTDM_OK
            || biotdm_check_device_id(rc->command_type) != BIOTDM_OK || !is_sha256_hex(rc->parameters_sha256)
            || !is_sha256_hex(rc->result_sha256) || status == NULL) {
        return BIOTDM_ERR_ARGUMENT;
    }
    biotdm_put(out, "biotdm-receipt-v1\n");
    put_field(out, "commandId=", rc->command_id);
    put_field(out, "deviceId=", rc->device_id);
    put_field(out, "commandType=", rc->command_type);
    put_field(out, "parametersSha256=", rc->parameters_sha256);
    put_field(out, "status=", status);
    put_field(out, "resultSha256=", rc->result_sha256);
    return BIOTDM_OK;
}

int biotdm_receipt_sign(const biotdm_key *key, const biotdm_receipt *rc, uint8_t sig[64]) {
    br_sha256_context sha;
    biotdm_sink sink = biotdm_sha256_sink(&sha);
    uint8_t hash[32];
    int status;
    br_sha256_init(&sha);
    status = biotdm_receipt_canonical(rc, &sink);
    if (status != BIOTDM_OK) {
        return status;
    }
    br_sha256_out(&sha, hash);
    return biotdm_sign_hash(key, hash, sig);
}
