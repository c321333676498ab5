/*
 * The provisioning CSR (protocol/provisioning.md): PKCS#10 CertificationRequest (RFC 2986 section 4) in DER
 * (X.690), which BearSSL does not write. Every length here is known before writing, so the encoder writes forward.
 */
#include <string.h>

#include <bearssl.h>

#include "text.h"

/* AlgorithmIdentifier of id-ecPublicKey with namedCurve prime256v1 (RFC 5480 section 2.1.1). */
static const uint8_t EC_P256_ALGORITHM[] = {0x30, 0x13, 0x06, 0x07, 0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x02, 0x01,
                                            0x06, 0x08, 0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x03, 0x01, 0x07};
/* AlgorithmIdentifier of ecdsa-with-SHA256, parameters absent (RFC 5758 section 3.2). */
static const uint8_t ECDSA_SHA256[] = {0x30, 0x0A, 0x06, 0x08, 0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x04, 0x03, 0x02};
/* The attribute type id-at-commonName (2.5.4.3). */
static const uint8_t CN_OID[] = {0x06, 0x03, 0x55, 0x04, 0x03};
static const uint8_t VERSION_0[] = {0x02, 0x01, 0x00};
static const uint8_t NO_ATTRIBUTES[] = {0xA0, 0x00};

typedef struct {
    uint8_t *buf;
    size_t cap;
    size_t len;
} der_writer;

static size_t header_size(size_t len) {
    return len < 0x80 ? 2 : len < 0x100 ? 3 : 4;
}

static void put_bytes(der_writer *w, const void *data, size_t len) {
    if (len <= w->cap - w->len) {
        memcpy(w->buf + w->len, data, len);
    }
    w->len += len;
}

/* A tag and a definite length (lengths here stay below 65536). */
static void put_header(der_writer *w, uint8_t tag, size_t len) {
    uint8_t h[4];
    size_t n = header_size(len);
    h[0] = tag;
    h[1] = n == 2 ? (uint8_t)len : (uint8_t)(0x80 | (n - 2));
    h[2] = n == 3 ? (uint8_t)len : (uint8_t)(len >> 8);
    h[3] = (uint8_t)len;
    put_bytes(w, h, n);
}

/* Sizes of the AttributeTypeAndValue's content, and of the SET holding it (the Name's content). */
static size_t atv_size(size_t cn_len) {
    return sizeof CN_OID + header_size(cn_len) + cn_len;
}

static size_t rdn_size(size_t cn_len) {
    size_t atv = atv_size(cn_len);
    return header_size(header_size(atv) + atv) + header_size(atv) + atv;
}

static size_t name_size(size_t cn_len) {
    return header_size(rdn_size(cn_len)) + rdn_size(cn_len);
}

/* Name ::= SEQUENCE OF SET OF AttributeTypeAndValue: one RDN, CN as UTF8String. */
static void put_name(der_writer *w, const char *cn) {
    size_t cn_len = strlen(cn);
    size_t atv = atv_size(cn_len);
    put_header(w, 0x30, rdn_size(cn_len));
    put_header(w, 0x31, header_size(atv) + atv);
    put_header(w, 0x30, atv);
    put_bytes(w, CN_OID, sizeof CN_OID);
    put_header(w, 0x0C, cn_len);
    put_bytes(w, cn, cn_len);
}

static size_t spki_size(void) {
    return 2 + sizeof EC_P256_ALGORITHM + 2 + 66;
}

static void put_spki(der_writer *w, const uint8_t pub[65]) {
    put_header(w, 0x30, sizeof EC_P256_ALGORITHM + 2 + 66);
    put_bytes(w, EC_P256_ALGORITHM, sizeof EC_P256_ALGORITHM);
    put_header(w, 0x03, 66);
    put_bytes(w, "", 1); /* no unused bits */
    put_bytes(w, pub, 65);
}

void biotdm_key_id(const uint8_t pub[65], char hex[65]) {
    uint8_t spki[2 + sizeof EC_P256_ALGORITHM + 2 + 66];
    der_writer w;
    w.buf = spki, w.cap = sizeof spki, w.len = 0;
    put_spki(&w, pub);
    biotdm_sha256_hex(spki, w.len, hex);
}

/* Writes CertificationRequestInfo and returns its size. */
static size_t info_body_size(const char *device_id) {
    return sizeof VERSION_0 + name_size(strlen(device_id)) + spki_size() + sizeof NO_ATTRIBUTES;
}

static size_t put_info(der_writer *w, const biotdm_key *key, const char *device_id) {
    size_t body = info_body_size(device_id);
    put_header(w, 0x30, body);
    put_bytes(w, VERSION_0, sizeof VERSION_0);
    put_name(w, device_id);
    put_spki(w, key->pub);
    put_bytes(w, NO_ATTRIBUTES, sizeof NO_ATTRIBUTES);
    return header_size(body) + body;
}

/* The info's SHA-256, in a frame of its own: its context is off the stack before the signature is computed. */
static __attribute__((noinline)) void hash_info(const uint8_t *info, size_t len, uint8_t hash[32]) {
    br_sha256_context sha;
    br_sha256_init(&sha);
    br_sha256_update(&sha, info, len);
    br_sha256_out(&sha, hash);
}

int biotdm_csr_der(const biotdm_key *key, const char *device_id, uint8_t *out, size_t cap) {
    der_writer w;
    uint8_t hash[32], *sig;
    size_t sig_len, info_len, body;
    if (biotdm_check_device_id(device_id) != BIOTDM_OK) {
        return BIOTDM_ERR_ARGUMENT;
    }
    info_len = header_size(info_body_size(device_id)) + info_body_size(device_id);
    if (info_len + 4 + sizeof ECDSA_SHA256 + 4 + 72 > cap) {
        return BIOTDM_ERR_BUFFER;
    }
    /* the info is written once at its final place: after the outer header, whose size the signature decides; the
     * signature is made in the output's tail (room for its 72-byte DER form), so no buffer of its own is needed */
    w.buf = out + 4, w.cap = cap - 4, w.len = 0;
    put_info(&w, key, device_id);
    hash_info(out + 4, info_len, hash);
    sig = out + 4 + info_len + sizeof ECDSA_SHA256 + 4;
    if (biotdm_sign_hash(key, hash, sig) != BIOTDM_OK || (sig_len = br_ecdsa_raw_to_asn1(sig, 64)) == 0) {
        return BIOTDM_ERR_CRYPTO;
    }
    body = info_len + sizeof ECDSA_SHA256 + header_size(sig_len + 1) + sig_len + 1;
    memmove(out + header_size(body), out + 4, info_len);
    w.buf = out, w.cap = cap, w.len = 0;
    put_header(&w, 0x30, body);
    w.len += info_len;
    put_bytes(&w, ECDSA_SHA256, sizeof ECDSA_SHA256);
    put_header(&w, 0x03, sig_len + 1);
    put_bytes(&w, "", 1);
    memmove(out + w.len, sig, sig_len); /* backwards or in place: the headers before it are at most as long */
    return (int)(w.len + sig_len);
}

int biotdm_csr_pem(const biotdm_key *key, const char *device_id, char *out, size_t cap) {
    uint8_t der[BIOTDM_CSR_DER_MAX];
    int len = biotdm_csr_der(key, device_id, der, sizeof der);
    if (len < 0) {
        return len;
    }
    if (br_pem_encode(NULL, der, (size_t)len, "CERTIFICATE REQUEST", BR_PEM_LINE64) >= cap) {
        return BIOTDM_ERR_BUFFER;
    }
    return (int)br_pem_encode(out, der, (size_t)len, "CERTIFICATE REQUEST", BR_PEM_LINE64);
}
