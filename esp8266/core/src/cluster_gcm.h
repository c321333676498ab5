/* Internal: AES-256-GCM (NIST SP 800-38D) with a 96-bit nonce and a 16-byte tag, for the grant and the messages of
 * protocol/cluster-keys-v1.md. */
#ifndef BIOTDM_CLUSTER_GCM_H
#define BIOTDM_CLUSTER_GCM_H

#include <stddef.h>
#include <stdint.h>

/** Encrypts len bytes of data in place under key and nonce, authenticating aad (aad_len bytes); writes the tag. */
void biotdm_cluster_gcm_seal(const uint8_t key[32], const uint8_t nonce[12], const void *aad, size_t aad_len,
                             uint8_t *data, size_t len, uint8_t tag[16]);

/** Decrypts len bytes of data in place; 1 when the tag matches (compared in constant time), else 0. */
int biotdm_cluster_gcm_open(const uint8_t key[32], const uint8_t nonce[12], const void *aad, size_t aad_len,
                            uint8_t *data, size_t len, const uint8_t tag[16]);

#endif
