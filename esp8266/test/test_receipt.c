/* biotdm-receipt-v1 against protocol/vectors/receipt-v1.json. */
#include <string.h>

#include <bearssl.h>

#include "harness.h"

typedef struct {
    char command_id[80], device_id[80], command_type[80], parameters[80], status[16], result[80];
} receipt_text;

static biotdm_command_status status_of(const char *s) {
    return strcmp(s, "SUCCEEDED") == 0 ? BIOTDM_SUCCEEDED : strcmp(s, "FAILED") == 0 ? BIOTDM_FAILED : BIOTDM_REJECTED;
}

static void load(const char *c, receipt_text *t, biotdm_receipt *rc) {
    const char *r = json_get(c, "receipt");
    json_string(json_get(r, "commandId"), t->command_id, sizeof t->command_id);
    json_string(json_get(r, "deviceId"), t->device_id, sizeof t->device_id);
    json_string(json_get(r, "commandType"), t->command_type, sizeof t->command_type);
    json_string(json_get(r, "parametersSha256"), t->parameters, sizeof t->parameters);
    json_string(json_get(r, "status"), t->status, sizeof t->status);
    json_string(json_get(r, "resultSha256"), t->result, sizeof t->result);
    rc->command_id = t->command_id;
    rc->device_id = t->device_id;
    rc->command_type = t->command_type;
    rc->parameters_sha256 = t->parameters;
    rc->status = status_of(t->status);
    rc->result_sha256 = t->result;
}

static void check_case(const char *c) {
    receipt_text t;
    biotdm_receipt rc;
    char name[64], key_name[32], expected[600], sig_b64[200];
    uint8_t text[600], hash[32], pub[65], vector_sig[80], sig[64];
    biotdm_buffer b = {text, sizeof text - 1, 0, 0};
    biotdm_sink sink = biotdm_buffer_sink(&b);
    br_sha256_context sha;
    int valid = *json_get(c, "valid") == 't';
    int sig_len;
    biotdm_key key;
    json_string(json_get(c, "name"), name, sizeof name);
    json_string(json_get(c, "public_key"), key_name, sizeof key_name);
    json_string(json_get(c, "canonical"), expected, sizeof expected);
    json_string(json_get(c, "signature"), sig_b64, sizeof sig_b64);
    load(c, &t, &rc);
    CHECK_CASE(biotdm_receipt_canonical(&rc, &sink) == BIOTDM_OK, name);
    CHECK_CASE(b.len == strlen(expected) && memcmp(text, expected, b.len) == 0, name);
    br_sha256_init(&sha);
    br_sha256_update(&sha, text, b.len);
    br_sha256_out(&sha, hash);
    sig_len = biotdm_base64_decode(sig_b64, strlen(sig_b64), vector_sig, sizeof vector_sig);
    CHECK_CASE(harness_public_key(key_name, pub) == 0 && harness_key(key_name, &key) == 0, name);
    CHECK_CASE((sig_len > 0 && biotdm_verify_hash(pub, hash, vector_sig, (size_t)sig_len) == BIOTDM_OK) == valid,
               name);
    CHECK_CASE(biotdm_receipt_sign(&key, &rc, sig) == BIOTDM_OK, name);
    CHECK_CASE(biotdm_verify_hash(pub, hash, sig, 64) == BIOTDM_OK, name);
    if (valid && sig_len == 64) { /* RFC 6979: the vector's r */
        CHECK_CASE(memcmp(sig, vector_sig, 32) == 0, name);
    }
}

static void every_vector_case_gets_its_verdict(void) {
    const char *c;
    size_t i;
    for (i = 0; (c = json_at(json_get(VECTORS_RECEIPT, "cases"), i)) != NULL; i++) {
        check_case(c);
    }
    CHECK(i >= 5);
}

static void receipt_with_a_bad_field_is_refused(void) {
    char empty_hash[65];
    biotdm_receipt rc;
    uint8_t sig[64];
    biotdm_key key;
    harness_key("device-1", &key);
    biotdm_sha256_hex("", 0, empty_hash);
    rc.command_id = "cmd-1", rc.device_id = "mote-1", rc.command_type = "reboot";
    rc.parameters_sha256 = empty_hash, rc.result_sha256 = empty_hash, rc.status = BIOTDM_SUCCEEDED;
    CHECK(biotdm_receipt_sign(&key, &rc, sig) == BIOTDM_OK);
    rc.command_id = "cmd=1";
    CHECK(biotdm_receipt_sign(&key, &rc, sig) == BIOTDM_ERR_ARGUMENT);
    rc.command_id = "cmd-1", rc.result_sha256 = "E3B0";
    CHECK(biotdm_receipt_sign(&key, &rc, sig) == BIOTDM_ERR_ARGUMENT);
    rc.result_sha256 = empty_hash, rc.status = (biotdm_command_status)7;
    CHECK(biotdm_receipt_sign(&key, &rc, sig) == BIOTDM_ERR_ARGUMENT);
}

void test_receipt(void) {
    every_vector_case_gets_its_verdict();
    receipt_with_a_bad_field_is_refused();
}
