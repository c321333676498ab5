/* Test keys and helpers from protocol/vectors/keys.json (harness.h). */
#include <string.h>

#include <bearssl.h>

#include "harness.h"

static const char *key_entry(const char *name) {
    const char *keys = json_get(VECTORS_KEYS, "keys");
    const char *k;
    char entry[32];
    size_t i;
    for (i = 0; (k = json_at(keys, i)) != NULL; i++) {
        if (json_string(json_get(k, "name"), entry, sizeof entry) >= 0 && strcmp(entry, name) == 0) {
            return k;
        }
    }
    return NULL;
}

int harness_key(const char *name, biotdm_key *key) {
    const char *k = key_entry(name);
    char hex[80];
    uint8_t secret[32];
    if (k == NULL || json_string(json_get(k, "private_scalar_hex"), hex, sizeof hex) < 0
            || hex_decode(hex, secret, sizeof secret) != 32) {
        return -1;
    }
    return biotdm_key_from_secret(key, secret) == BIOTDM_OK ? 0 : -1;
}

int harness_public_key(const char *name, unsigned char pub[65]) {
    const char *k = key_entry(name);
    char hex[140];
    if (k == NULL || json_string(json_get(k, "public_uncompressed_hex"), hex, sizeof hex) < 0) {
        return -1;
    }
    return hex_decode(hex, pub, 65) == 65 ? 0 : -1;
}

int harness_rng(void *ctx, uint8_t *out, size_t len) {
    static uint32_t counter;
    uint8_t seed = *(const uint8_t *)ctx;
    if (seed == 0xFF) {
        return -1;
    }
    while (len > 0) {
        br_sha256_context sha;
        uint8_t block[32];
        size_t n = len < 32 ? len : 32;
        counter++;
        br_sha256_init(&sha);
        br_sha256_update(&sha, &seed, 1);
        br_sha256_update(&sha, &counter, sizeof counter);
        br_sha256_out(&sha, block);
        memcpy(out, block, n);
        out += n, len -= n;
    }
    return 0;
}

void harness_negate_s(const unsigned char s[32], unsigned char out[32]) {
    static const unsigned char n[32] = {0xFF, 0xFF, 0xFF, 0xFF, 0x00, 0x00, 0x00, 0x00, 0xFF, 0xFF, 0xFF,
                                        0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xBC, 0xE6, 0xFA, 0xAD, 0xA7, 0x17,
                                        0x9E, 0x84, 0xF3, 0xB9, 0xCA, 0xC2, 0xFC, 0x63, 0x25, 0x51};
    int borrow = 0;
    int i;
    for (i = 31; i >= 0; i--) {
        int d = n[i] - s[i] - borrow;
        borrow = d < 0;
        out[i] = (unsigned char)(d + (borrow ? 256 : 0));
    }
}
