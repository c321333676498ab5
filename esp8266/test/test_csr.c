/* The provisioning CSR (protocol/provisioning.md); openssl req -verify checks the PEM form in CTest too. */
#include <string.h>

#include <bearssl.h>

#include "harness.h"

/* Reads a DER tag-length at p: sets *len and returns the header's size, 0 when the length form is not DER's. */
static size_t der_header(const uint8_t *p, size_t *len) {
    *len = 0;
    if (p[1] < 0x80) {
        *len = p[1];
        return 2;
    }
    if (p[1] == 0x81 && p[2] >= 0x80) {
        *len = p[2];
        return 3;
    }
    if (p[1] == 0x82 && p[2] != 0) {
        *len = ((size_t)p[2] << 8) | p[3];
        return 4;
    }
    return 0;
}

/* Walks CertificationRequest: the signature over the info verifies with the key; the CN is the device ID. */
static void check_csr(const uint8_t *der, size_t der_len, const biotdm_key *key, const char *device_id) {
    size_t outer, info, alg, bits, h;
    const uint8_t *p;
    br_sha256_context sha;
    uint8_t hash[32];
    h = der_header(der, &outer);
    CHECK_CASE(der[0] == 0x30 && h > 0 && h + outer == der_len, device_id);
    p = der + h;
    h = der_header(p, &info);
    br_sha256_init(&sha);
    br_sha256_update(&sha, p, h + info);
    br_sha256_out(&sha, hash);
    CHECK_CASE(memchr(p, 0x0C, h + info) != NULL, device_id);
    CHECK_CASE(memcmp(p + h + info - 2 - 65, key->pub, 65) == 0, device_id); /* the key, then [0] {} */
    p += h + info;
    h = der_header(p, &alg);
    p += h + alg;
    h = der_header(p, &bits);
    CHECK_CASE(p[0] == 0x03 && p[h] == 0 && p + h + bits == der + der_len, device_id);
    CHECK_CASE(biotdm_verify_hash(key->pub, hash, p + h + 1, bits - 1) == BIOTDM_OK, device_id);
}

static void csr_of_every_valid_device_id_verifies(void) {
    const char *c;
    size_t i;
    biotdm_key key;
    harness_key("device-1", &key);
    for (i = 0; (c = json_at(json_get(VECTORS_NAMES, "device_ids"), i)) != NULL; i++) {
        char id[100];
        uint8_t der[BIOTDM_CSR_DER_MAX];
        int len;
        json_string(json_get(c, "id"), id, sizeof id);
        len = biotdm_csr_der(&key, id, der, sizeof der);
        if (*json_get(c, "valid") == 't') {
            CHECK_CASE(len > 0, id);
            check_csr(der, (size_t)len, &key, id);
        } else {
            CHECK_CASE(len == BIOTDM_ERR_ARGUMENT, id);
        }
    }
}

static void csr_pem_fits_its_bound_and_a_short_buffer_is_refused(void) {
    char pem[BIOTDM_CSR_PEM_MAX];
    uint8_t der[100];
    const char *longest = "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx";
    biotdm_key key;
    harness_key("device-2", &key);
    CHECK(biotdm_csr_pem(&key, longest, pem, sizeof pem) > 0);
    CHECK(strncmp(pem, "-----BEGIN CERTIFICATE REQUEST-----\n", 36) == 0);
    CHECK(biotdm_csr_der(&key, "mote-1", der, sizeof der) == BIOTDM_ERR_BUFFER);
}

void test_csr(void) {
    csr_of_every_valid_device_id_verifies();
    csr_pem_fits_its_bound_and_a_short_buffer_is_refused();
}
