/* Signed firmware (firmware.h) against protocol/vectors/firmware-manifest-v1.json: all eight checks, receipts. */
#include <stdlib.h>
#include <string.h>

#include "biotdm/firmware.h"
#include "harness.h"

#define MANIFEST_JSON_MAX 1024

typedef struct {
    biotdm_firmware_key keys[4];
    char manufacturers[4][32];
    size_t count;
    char model[BIOTDM_MODEL_MAX + 1];
    uint32_t installed_sequence;
} device_setup;

static void load_device(device_setup *d) {
    const char *t;
    char key_name[32];
    for (d->count = 0; (t = json_at(json_get(VECTORS_FIRMWARE, "trusted_keys"), d->count)) != NULL; d->count++) {
        json_string(json_get(t, "manufacturer"), d->manufacturers[d->count], sizeof d->manufacturers[0]);
        json_string(json_get(t, "key"), key_name, sizeof key_name);
        d->keys[d->count].manufacturer = d->manufacturers[d->count];
        CHECK_CASE(harness_public_key(key_name, d->keys[d->count].pub) == 0, key_name);
    }
    json_string(json_get(json_get(VECTORS_FIRMWARE, "device"), "model"), d->model, sizeof d->model);
    d->installed_sequence = (uint32_t)strtoul(json_get(json_get(VECTORS_FIRMWARE, "device"), "installed_sequence"),
                                              NULL, 10);
}

/* The manifest as received: the exact JSON text of the case's "manifest" member. */
static size_t manifest_text(const char *c, char *out) {
    const char *start = json_get(c, "manifest");
    size_t len = (size_t)(json_skip(start) - start);
    memcpy(out, start, len);
    out[len] = '\0';
    return len;
}

/* Steps 7 and 8 over the image in 37-byte pieces, as Range chunks arrive; *early is set when a piece was refused. */
static int check_image(const biotdm_manifest *m, const char *image_name, int *early) {
    const char *image = json_get(json_get(VECTORS_FIRMWARE, "images"), image_name);
    char hex[1100];
    uint8_t bytes[540];
    int len;
    int at;
    biotdm_image_check check;
    json_string(json_get(image, "hex"), hex, sizeof hex);
    len = hex_decode(hex, bytes, sizeof bytes);
    biotdm_image_begin(&check, m);
    *early = 0;
    for (at = 0; at < len; at += 37) {
        size_t piece = (size_t)(len - at) < 37 ? (size_t)(len - at) : 37;
        int status = biotdm_image_update(&check, bytes + at, piece);
        if (status != BIOTDM_OK) {
            *early = 1;
            return status;
        }
    }
    return biotdm_image_finish(&check);
}

static int run_case(const device_setup *d, const char *c, const char *json, size_t len, const char *name) {
    biotdm_manifest m;
    char image_name[64];
    int early;
    int status = biotdm_manifest_parse(json, len, &m);
    if (status == BIOTDM_OK && json_get(c, "canonical") != NULL) {
        char expected[400];
        uint8_t text[400];
        biotdm_buffer b = {text, sizeof text, 0, 0};
        biotdm_sink sink = biotdm_buffer_sink(&b);
        json_string(json_get(c, "canonical"), expected, sizeof expected);
        CHECK_CASE(biotdm_manifest_canonical(&m, &sink) == BIOTDM_OK, name);
        CHECK_CASE(b.len == strlen(expected) && memcmp(text, expected, b.len) == 0, name);
    }
    if (status == BIOTDM_OK) {
        status = biotdm_manifest_verify(&m, d->keys, d->count, d->model, d->installed_sequence);
    }
    if (status == BIOTDM_OK) {
        json_string(json_get(c, "image"), image_name, sizeof image_name);
        status = check_image(&m, image_name, &early);
        /* a receiver refuses as soon as more than size bytes arrive, not at the end */
        CHECK_CASE(status != BIOTDM_ERR_FIRMWARE_IMAGE_SIZE_MISMATCH || early == (strstr(name, "extended") != NULL),
                   name);
    }
    return status;
}

static void every_vector_case_gets_its_verdict(void) {
    device_setup d;
    const char *c;
    size_t i;
    load_device(&d);
    for (i = 0; (c = json_at(json_get(VECTORS_FIRMWARE, "cases"), i)) != NULL; i++) {
        char name[64], expected[48], json[MANIFEST_JSON_MAX];
        size_t len = manifest_text(c, json);
        const char *code;
        json_string(json_get(c, "name"), name, sizeof name);
        json_string(json_get(c, "result"), expected, sizeof expected);
        code = biotdm_firmware_error_code(run_case(&d, c, json, len, name));
        CHECK_CASE(strcmp(code == NULL ? "VALID" : code, expected) == 0, name);
    }
    CHECK(i >= 30);
}

/* valid_raw's manifest text with replace_from replaced by replace_to (the first occurrence). */
static int variant(char *out, const char *replace_from, const char *replace_to) {
    char base[MANIFEST_JSON_MAX];
    const char *c = json_at(json_get(VECTORS_FIRMWARE, "cases"), 0);
    char *hit;
    manifest_text(c, base);
    hit = strstr(base, replace_from);
    if (hit == NULL) {
        return -1;
    }
    *hit = '\0';
    snprintf(out, MANIFEST_JSON_MAX, "%s%s%s", base, replace_to, hit + strlen(replace_from));
    return 0;
}

static int verdict_of(const char *replace_from, const char *replace_to) {
    device_setup d;
    char json[MANIFEST_JSON_MAX];
    biotdm_manifest m;
    int status;
    load_device(&d);
    if (variant(json, replace_from, replace_to) != 0) {
        return 1;
    }
    status = biotdm_manifest_parse(json, strlen(json), &m);
    return status != BIOTDM_OK ? status : biotdm_manifest_verify(&m, d.keys, d.count, d.model, d.installed_sequence);
}

static void manifest_json_is_read_as_rfc_8259_defines_it(void) {
    char pad[200] = "{\"pad\":[";
    size_t i;
    CHECK(verdict_of("{", "{\"note\":{\"a\":[1,2,{\"b\":null}],\"c\":\"x\"},") == BIOTDM_OK);
    CHECK(verdict_of("Org1MSP/", "Org1MSP\\/") == BIOTDM_OK);
    CHECK(verdict_of("Org1MSP/", "\\u004frg1MSP/") == BIOTDM_OK);
    CHECK(verdict_of("{", "\n\t{") == BIOTDM_OK);
    CHECK(verdict_of("{", "{\"sequence\":5,") == BIOTDM_ERR_FIRMWARE_MANIFEST_INVALID);
    CHECK(verdict_of("{", "[{") == BIOTDM_ERR_FIRMWARE_MANIFEST_INVALID);
    CHECK(verdict_of("{", "{} {") == BIOTDM_ERR_FIRMWARE_MANIFEST_INVALID);
    CHECK(verdict_of("{", "{\"format\":\"biotdm-firmware-manifest-v1\",") == BIOTDM_ERR_FIRMWARE_MANIFEST_INVALID);
    CHECK(verdict_of("1.1.0", "1.1.0\\u00e9") == BIOTDM_ERR_FIRMWARE_MANIFEST_INVALID);
    CHECK(verdict_of("1.1.0", "1.1.0\\n") == BIOTDM_ERR_FIRMWARE_MANIFEST_INVALID);
    CHECK(verdict_of("\"rkl8", "17, \"x\" : \"rkl8") == BIOTDM_ERR_FIRMWARE_MANIFEST_INVALID); /* signature 17 */
    CHECK(verdict_of("\"rkl8", "true, \"x\" : \"rkl8") == BIOTDM_ERR_FIRMWARE_MANIFEST_INVALID);
    CHECK(verdict_of("256", "-256") == BIOTDM_ERR_FIRMWARE_MANIFEST_INVALID);
    CHECK(verdict_of("256", "256e0") == BIOTDM_ERR_FIRMWARE_MANIFEST_INVALID);
    CHECK(verdict_of("256", "0256") == BIOTDM_ERR_FIRMWARE_MANIFEST_INVALID);
    CHECK(verdict_of("1.1.0", "1.1.0-rc.01") == BIOTDM_ERR_FIRMWARE_MANIFEST_INVALID);
    CHECK(verdict_of("1.1.0", "1.1.0-rc..1") == BIOTDM_ERR_FIRMWARE_MANIFEST_INVALID);
    CHECK(verdict_of("1.1.0", "1.1") == BIOTDM_ERR_FIRMWARE_MANIFEST_INVALID);
    CHECK(verdict_of("Org1MSP/env-sensor", "Org1MSP/env/sensor") == BIOTDM_ERR_FIRMWARE_MANIFEST_INVALID);
    /* a signature that is not padded base64 is step 4's refusal, after the key was found (step 3) */
    CHECK(verdict_of("==\"", "\"") == BIOTDM_ERR_FIRMWARE_SIGNATURE_INVALID);
    /* more tokens than BIOTDM_MANIFEST_TOKENS */
    for (i = 0; i < BIOTDM_MANIFEST_TOKENS; i++) {
        strcat(pad, i == 0 ? "1" : ",1");
    }
    strcat(pad, "],");
    CHECK(verdict_of("{", pad) == BIOTDM_ERR_FIRMWARE_MANIFEST_INVALID);
}

static void truncated_manifest_json_is_invalid_at_every_length(void) {
    char json[MANIFEST_JSON_MAX];
    biotdm_manifest m;
    size_t len = manifest_text(json_at(json_get(VECTORS_FIRMWARE, "cases"), 0), json);
    size_t cut;
    for (cut = 0; cut < len; cut++) {
        CHECK(biotdm_manifest_parse(json, cut, &m) == BIOTDM_ERR_FIRMWARE_MANIFEST_INVALID);
    }
    CHECK(biotdm_manifest_parse(json, len, &m) == BIOTDM_OK);
}

/* The receipt cases: canonical text, the vector's signature, and the device's own (RFC 6979, so r matches). */
static void check_receipt(const char *c) {
    const char *r = json_get(c, "receipt");
    char name[64], device_id[80], key_name[32], expected[600], sig_b64[200];
    uint8_t text[600], vector_sig[80], sig[64], pub[65], hash[32];
    biotdm_buffer b = {text, sizeof text, 0, 0};
    biotdm_sink sink = biotdm_buffer_sink(&b);
    biotdm_manifest installed;
    biotdm_key key;
    int valid = *json_get(c, "valid") == 't';
    int sig_len;
    memset(&installed, 0, sizeof installed);
    json_string(json_get(c, "name"), name, sizeof name);
    json_string(json_get(r, "deviceId"), device_id, sizeof device_id);
    json_string(json_get(r, "model"), installed.model, sizeof installed.model);
    json_string(json_get(r, "version"), installed.version, sizeof installed.version);
    json_string(json_get(r, "sha256"), installed.sha256, sizeof installed.sha256);
    installed.sequence = (uint32_t)strtoul(json_get(r, "sequence"), NULL, 10);
    json_string(json_get(c, "public_key"), key_name, sizeof key_name);
    json_string(json_get(c, "canonical"), expected, sizeof expected);
    json_string(json_get(c, "signature"), sig_b64, sizeof sig_b64);
    CHECK_CASE(biotdm_firmware_receipt_canonical(device_id, &installed, &sink) == BIOTDM_OK, name);
    CHECK_CASE(b.len == strlen(expected) && memcmp(text, expected, b.len) == 0, name);
    biotdm_sha256_hex(text, b.len, expected);
    hex_decode(expected, hash, sizeof hash);
    sig_len = biotdm_base64_decode(sig_b64, strlen(sig_b64), vector_sig, sizeof vector_sig);
    CHECK_CASE(harness_public_key(key_name, pub) == 0 && harness_key(key_name, &key) == 0, name);
    CHECK_CASE((sig_len > 0 && biotdm_verify_hash(pub, hash, vector_sig, (size_t)sig_len) == BIOTDM_OK) == valid,
               name);
    CHECK_CASE(biotdm_firmware_receipt_sign(&key, device_id, &installed, sig) == BIOTDM_OK, name);
    CHECK_CASE(biotdm_verify_hash(pub, hash, sig, 64) == BIOTDM_OK, name);
    if (valid && sig_len == 64) {
        CHECK_CASE(memcmp(sig, vector_sig, 32) == 0, name);
    }
    CHECK_CASE(biotdm_firmware_receipt_sign(&key, "mote=1", &installed, sig) == BIOTDM_ERR_ARGUMENT, name);
}

static void every_receipt_case_gets_its_verdict(void) {
    const char *c;
    size_t i;
    for (i = 0; (c = json_at(json_get(VECTORS_FIRMWARE, "receipts"), i)) != NULL; i++) {
        check_receipt(c);
    }
    CHECK(i >= 4);
}

static void key_ids_are_those_of_keys_json(void) {
    const char *k;
    size_t i;
    size_t checked = 0;
    for (i = 0; (k = json_at(json_get(VECTORS_KEYS, "keys"), i)) != NULL; i++) {
        char name[32], expected[80], id[65];
        uint8_t pub[65];
        if (json_get(k, "key_id") == NULL) {
            continue;
        }
        json_string(json_get(k, "name"), name, sizeof name);
        json_string(json_get(k, "key_id"), expected, sizeof expected);
        CHECK_CASE(harness_public_key(name, pub) == 0, name);
        biotdm_key_id(pub, id);
        CHECK_CASE(strcmp(id, expected) == 0, name);
        checked++;
    }
    CHECK(checked >= 2);
}

static void base64_decoding_is_strict(void) {
    uint8_t out[8];
    CHECK(biotdm_base64_decode("", 0, out, sizeof out) == 0);
    CHECK(biotdm_base64_decode("TWE=", 4, out, sizeof out) == 2 && memcmp(out, "Ma", 2) == 0);
    CHECK(biotdm_base64_decode("TQ==", 4, out, sizeof out) == 1 && out[0] == 'M');
    CHECK(biotdm_base64_decode("TWFu", 4, out, sizeof out) == 3 && memcmp(out, "Man", 3) == 0);
    CHECK(biotdm_base64_decode("TWE", 3, out, sizeof out) == BIOTDM_ERR_ARGUMENT);    /* unpadded */
    CHECK(biotdm_base64_decode("TWF=", 4, out, sizeof out) == BIOTDM_ERR_ARGUMENT);   /* unused bits set */
    CHECK(biotdm_base64_decode("T=E=", 4, out, sizeof out) == BIOTDM_ERR_ARGUMENT);   /* '=' inside */
    CHECK(biotdm_base64_decode("TQ==TQ==", 8, out, sizeof out) == BIOTDM_ERR_ARGUMENT);
    CHECK(biotdm_base64_decode("TW-u", 4, out, sizeof out) == BIOTDM_ERR_ARGUMENT);   /* base64url */
    CHECK(biotdm_base64_decode("TWFuTWFu", 8, out, 5) == BIOTDM_ERR_BUFFER);
}

static void error_codes_name_the_catalogue_codes(void) {
    CHECK(strcmp(biotdm_firmware_error_code(BIOTDM_ERR_FIRMWARE_MANIFEST_INVALID), "FIRMWARE_MANIFEST_INVALID") == 0);
    CHECK(strcmp(biotdm_firmware_error_code(BIOTDM_ERR_FIRMWARE_IMAGE_HASH_MISMATCH), "FIRMWARE_IMAGE_HASH_MISMATCH")
          == 0);
    CHECK(biotdm_firmware_error_code(BIOTDM_ERR_SIGNATURE) == NULL);
    CHECK(biotdm_firmware_error_code(BIOTDM_OK) == NULL);
}

void test_firmware(void) {
    every_vector_case_gets_its_verdict();
    manifest_json_is_read_as_rfc_8259_defines_it();
    truncated_manifest_json_is_invalid_at_every_length();
    every_receipt_case_gets_its_verdict();
    key_ids_are_those_of_keys_json();
    base64_decoding_is_strict();
    error_codes_name_the_catalogue_codes();
}
