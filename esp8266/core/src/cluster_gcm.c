/* AES-256-GCM as protocol/cluster-keys-v1.md uses it (cluster_gcm.h), on BearSSL's constant-time AES and GHASH. */
#include <string.h>

#include <bearssl.h>

#include "cluster_gcm.h"

/* Starts AES-256-GCM (96-bit nonce) under key with the additional data. */
static void gcm_start(br_gcm_context *g, br_aes_ct_ctr_keys *aes, const uint8_t key[32], const uint8_t nonce[12],
                      const void *aad, size_t aad_len) {
    br_aes_ct_ctr_init(aes, key, 32);
    br_gcm_init(g, &aes->vtable, br_ghash_ctmul32);
    br_gcm_reset(g, nonce, 12);
    br_gcm_aad_inject(g, aad, aad_len);
    br_gcm_flip(g);
}

/* Encrypts data in place and writes the tag. */
void biotdm_cluster_gcm_seal(const uint8_t key[32], const uint8_t nonce[12], const void *aad, size_t aad_len,
                             uint8_t *data, size_t len, uint8_t tag[16]) {
    br_aes_ct_ctr_keys aes;
    br_gcm_context g;
    gcm_start(&g, &aes, key, nonce, aad, aad_len);
    br_gcm_run(&g, 1, data, len);
    br_gcm_get_tag(&g, tag);
    memset(&aes, 0, sizeof aes);
}

/* Decrypts data in place; 1 when the tag matches (compared in constant time). */
int biotdm_cluster_gcm_open(const uint8_t key[32], const uint8_t nonce[12], const void *aad, size_t aad_len,
                            uint8_t *data, size_t len, const uint8_t tag[16]) {
    br_aes_ct_ctr_keys aes;
    br_gcm_context g;
    uint32_t ok;
    gcm_start(&g, &aes, key, nonce, aad, aad_len);
    br_gcm_run(&g, 0, data, len);
    ok = br_gcm_check_tag(&g, tag);
    memset(&aes, 0, sizeof aes);
    return (int)ok;
}
