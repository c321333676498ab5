/* Keys, signatures, hashes and base64 on BearSSL. */
#include <string.h>

#include <bearssl.h>

#include "text.h"

#define SEED_BYTES 48 /* 384 bits: HMAC-DRBG's seed for a 128-bit security strength, with margin */

static const br_ec_impl *curve(void) {
    return &br_ec_p256_m15;
}

int biotdm_key_generate(biotdm_key *key, biotdm_rng_fn rng, void *rng_ctx) {
    uint8_t seed[SEED_BYTES];
    br_hmac_drbg_context drbg;
    br_ec_private_key sk;
    int status;
    if (rng(rng_ctx, seed, sizeof seed) != 0) {
        return BIOTDM_ERR_RNG;
    }
    br_hmac_drbg_init(&drbg, &br_sha256_vtable, seed, sizeof seed);
    status = br_ec_keygen(&drbg.vtable, curve(), &sk, key->secret, BR_EC_secp256r1) == 32
                     ? biotdm_key_from_secret(key, key->secret)
                     : BIOTDM_ERR_CRYPTO;
    memset(seed, 0, sizeof seed);
    memset(&drbg, 0, sizeof drbg);
    return status;
}

/* 1 when 0 < x < n, the order of P-256 (SEC 2 section 2.4.2), in constant time. */
static int scalar_in_range(const uint8_t x[32]) {
    static const uint8_t n[32] = {0xFF, 0xFF, 0xFF, 0xFF, 0x00, 0x00, 0x00, 0x00, 0xFF, 0xFF, 0xFF,
                                  0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xBC, 0xE6, 0xFA, 0xAD, 0xA7, 0x17,
                                  0x9E, 0x84, 0xF3, 0xB9, 0xCA, 0xC2, 0xFC, 0x63, 0x25, 0x51};
    uint32_t borrow = 0;
    uint32_t any = 0;
    int i;
    for (i = 31; i >= 0; i--) {
        uint32_t d = (uint32_t)x[i] - n[i] - borrow;
        borrow = d >> 31;
        any |= x[i];
    }
    return borrow == 1 && any != 0;
}

int biotdm_key_from_secret(biotdm_key *key, const uint8_t secret[32]) {
    br_ec_private_key sk;
    br_ec_public_key pk;
    if (!scalar_in_range(secret)) {
        memset(key, 0, sizeof *key);
        return BIOTDM_ERR_CRYPTO;
    }
    if (key->secret != secret) {
        memcpy(key->secret, secret, 32);
    }
    sk.curve = BR_EC_secp256r1;
    sk.x = key->secret;
    sk.xlen = 32;
    if (br_ec_compute_pub(curve(), &pk, key->pub, &sk) != 65) {
        memset(key, 0, sizeof *key);
        return BIOTDM_ERR_CRYPTO;
    }
    return BIOTDM_OK;
}

int biotdm_sign_hash(const biotdm_key *key, const uint8_t hash[32], uint8_t sig[64]) {
    br_ec_private_key sk;
    sk.curve = BR_EC_secp256r1;
    sk.x = (unsigned char *)key->secret;
    sk.xlen = 32;
    return br_ecdsa_i15_sign_raw(curve(), &br_sha256_vtable, hash, &sk, sig) == 64 ? BIOTDM_OK : BIOTDM_ERR_CRYPTO;
}

int biotdm_verify_hash(const uint8_t pub[65], const uint8_t hash[32], const uint8_t *sig, size_t sig_len) {
    br_ec_public_key pk;
    uint8_t raw[72]; /* a DER signature becomes raw r||s here, not in br_ecdsa_i15_vrfy_asn1's 144-byte buffer */
    pk.curve = BR_EC_secp256r1;
    pk.q = (unsigned char *)pub;
    pk.qlen = 65;
    if (sig_len != 64) {
        if (sig_len > sizeof raw) {
            return BIOTDM_ERR_SIGNATURE;
        }
        memcpy(raw, sig, sig_len);
        sig = raw;
        sig_len = br_ecdsa_asn1_to_raw(raw, sig_len);
    }
    return sig_len != 0 && br_ecdsa_i15_vrfy_raw(curve(), hash, 32, &pk, sig, sig_len) == 1 ? BIOTDM_OK
                                                                                          : BIOTDM_ERR_SIGNATURE;
}

void biotdm_sha256_hex(const void *data, size_t len, char hex[65]) {
    br_sha256_context ctx;
    uint8_t hash[32];
    br_sha256_init(&ctx);
    br_sha256_update(&ctx, data, len);
    br_sha256_out(&ctx, hash);
    biotdm_hex(hash, sizeof hash, hex);
}

int biotdm_base64(const uint8_t *data, size_t len, char *out, size_t cap) {
    static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    size_t i;
    size_t o = 0;
    if (cap < (len + 2) / 3 * 4 + 1) {
        return BIOTDM_ERR_BUFFER;
    }
    for (i = 0; i < len; i += 3) {
        uint32_t v = (uint32_t)data[i] << 16;
        size_t rest = len - i;
        v |= rest > 1 ? (uint32_t)data[i + 1] << 8 : 0;
        v |= rest > 2 ? (uint32_t)data[i + 2] : 0;
        out[o++] = alphabet[(v >> 18) & 63];
        out[o++] = alphabet[(v >> 12) & 63];
        out[o++] = rest > 1 ? alphabet[(v >> 6) & 63] : '=';
        out[o++] = rest > 2 ? alphabet[v & 63] : '=';
    }
    out[o] = '\0';
    return (int)o;
}

/* The value of a base64 alphabet character (RFC 4648 table 1), or -1. */
static int base64_value(char c) {
    if (c >= 'A' && c <= 'Z') {
        return c - 'A';
    }
    if (c >= 'a' && c <= 'z') {
        return c - 'a' + 26;
    }
    if (c >= '0' && c <= '9') {
        return c - '0' + 52;
    }
    return c == '+' ? 62 : c == '/' ? 63 : -1;
}

/* Decodes one quantum of four characters into *v; returns the bytes it carries (1..3), or 0 when malformed. */
static size_t base64_quantum(const char *q, int last, uint32_t *v) {
    size_t pad = last ? (size_t)(q[3] == '=') + (size_t)(q[3] == '=' && q[2] == '=') : 0;
    int d[4];
    size_t i;
    *v = 0;
    for (i = 0; i < 4; i++) {
        d[i] = i >= 4 - pad ? 0 : base64_value(q[i]);
        if (d[i] < 0) {
            return 0;
        }
        *v = (*v << 6) | (uint32_t)d[i];
    }
    /* the bits a padded quantum does not carry must be zero (RFC 4648 section 3.5) */
    if ((pad == 1 && (*v & 0xFF) != 0) || (pad == 2 && (*v & 0xFFFF) != 0)) {
        return 0;
    }
    return 3 - pad;
}

int biotdm_base64_decode(const char *text, size_t len, uint8_t *out, size_t cap) {
    size_t n = 0;
    size_t i;
    if (len % 4 != 0) {
        return BIOTDM_ERR_ARGUMENT;
    }
    for (i = 0; i < len; i += 4) {
        uint32_t v;
        size_t bytes = base64_quantum(text + i, i + 4 == len, &v);
        if (bytes == 0) {
            return BIOTDM_ERR_ARGUMENT;
        }
        if (bytes > cap - n) {
            return BIOTDM_ERR_BUFFER;
        }
        out[n++] = (uint8_t)(v >> 16);
        if (bytes > 1) {
            out[n++] = (uint8_t)(v >> 8);
        }
        if (bytes > 2) {
            out[n++] = (uint8_t)v;
        }
    }
    return (int)n;
}
