/*
 * The POSIX TLS transport: a TCP socket under a BearSSL TLS 1.2 client that authenticates with the device's
 * certificate and P-256 key (mutual TLS, protocol/provisioning.md) and trusts exactly one gateway public key, taken
 * from the pinned device-port certificate (no CA chain, no name check: the pin is the trust). Its record buffers are
 * BIOTDM_TLS_FRAGMENT bytes plus BearSSL's overhead, and the client asks for that Maximum Fragment Length (RFC 6066
 * section 4) when it is below 16384, so the server must honour the extension.
 */
#ifndef BIOTDM_POSIX_TLS_H
#define BIOTDM_POSIX_TLS_H

#include <bearssl.h>

#include "biotdm/biotdm.h"

/* Plaintext bytes per TLS record: 512, 1024, 2048, 4096 (RFC 6066 values) or 16384 (no extension). */
#ifndef BIOTDM_TLS_FRAGMENT
#define BIOTDM_TLS_FRAGMENT 2048
#endif
/* DER bytes of the device's and the gateway's certificates. */
#ifndef BIOTDM_TLS_CERT_MAX
#define BIOTDM_TLS_CERT_MAX 1024
#endif

/** The transport's state: all of it here, nothing allocated. */
typedef struct {
    int fd;
    br_ssl_client_context client;
    br_x509_knownkey_context pin;
    br_x509_minimal_context minimal; /* what br_ssl_client_init_full sets up; then replaced by the pin */
    br_sslio_context io;
    br_x509_certificate chain;
    br_ec_private_key sk;
    uint8_t server_q[65];
    uint8_t cert[BIOTDM_TLS_CERT_MAX];
    uint8_t in[BIOTDM_TLS_FRAGMENT + 325];
    uint8_t out[BIOTDM_TLS_FRAGMENT + 85];
} biotdm_posix_tls;

/**
 * Prepares tls and fills transport with it. device_cert is the device certificate's DER (empty, len 0, for the
 * provisioning request, which presents none); key its key; server_cert the pinned gateway certificate's DER (a
 * P-256 key). Returns 0, or -1 when a certificate is too long or the gateway's key is not an uncompressed P-256
 * point. key must outlive the transport.
 */
int biotdm_posix_tls_init(biotdm_posix_tls *tls, biotdm_transport *transport, const uint8_t *device_cert,
                          size_t device_cert_len, const biotdm_key *key, const uint8_t *server_cert,
                          size_t server_cert_len);

/** Decodes the first PEM object of pem into der; returns its length, or -1 when there is none or it is too long. */
int biotdm_posix_pem_to_der(const char *pem, uint8_t *der, size_t cap);

#endif
