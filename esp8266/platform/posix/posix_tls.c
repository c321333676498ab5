/* The POSIX TLS transport (biotdm_posix_tls.h) on BearSSL's simplified I/O (br_sslio) over a TCP socket. */
#define _GNU_SOURCE
#include <errno.h>
#include <netdb.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "biotdm_posix_tls.h"

static int sock_read(void *ctx, unsigned char *buf, size_t len) {
    for (;;) {
        ssize_t n = read(*(int *)ctx, buf, len);
        if (n > 0 || (n < 0 && errno != EINTR)) {
            return n > 0 ? (int)n : -1;
        }
        if (n == 0) {
            return -1;
        }
    }
}

static int sock_write(void *ctx, const unsigned char *buf, size_t len) {
    for (;;) {
        ssize_t n = write(*(int *)ctx, buf, len);
        if (n > 0 || (n < 0 && errno != EINTR)) {
            return n > 0 ? (int)n : -1;
        }
    }
}

static int tcp_connect(const char *host, uint16_t port) {
    struct addrinfo hints, *list, *a;
    char service[8];
    int fd = -1;
    memset(&hints, 0, sizeof hints);
    hints.ai_socktype = SOCK_STREAM;
    snprintf(service, sizeof service, "%u", (unsigned)port);
    if (getaddrinfo(host, service, &hints, &list) != 0) {
        return -1;
    }
    for (a = list; a != NULL && fd < 0; a = a->ai_next) {
        fd = socket(a->ai_family, a->ai_socktype | SOCK_CLOEXEC, a->ai_protocol);
        if (fd >= 0 && connect(fd, a->ai_addr, a->ai_addrlen) != 0) {
            close(fd);
            fd = -1;
        }
    }
    freeaddrinfo(list);
    return fd;
}

static int tls_connect(void *ctx, const char *host, uint16_t port) {
    biotdm_posix_tls *tls = ctx;
    tls->fd = tcp_connect(host, port);
    if (tls->fd < 0) {
        return -1;
    }
    /* the pinned key is the trust: the name is sent for SNI only */
    br_ssl_client_reset(&tls->client, host, 0);
    br_sslio_init(&tls->io, &tls->client.eng, sock_read, &tls->fd, sock_write, &tls->fd);
    return 0;
}

static int tls_write(void *ctx, const uint8_t *buf, size_t len) {
    biotdm_posix_tls *tls = ctx;
    if (br_sslio_write_all(&tls->io, buf, len) != 0 || br_sslio_flush(&tls->io) != 0) {
        return -1;
    }
    return (int)len;
}

static int tls_read(void *ctx, uint8_t *buf, size_t len) {
    biotdm_posix_tls *tls = ctx;
    int n = br_sslio_read(&tls->io, buf, len);
    if (n < 0) {
        int err = br_ssl_engine_last_error(&tls->client.eng);
        return err == BR_ERR_OK ? 0 : -1; /* a close_notify ends the stream */
    }
    return n;
}

static void tls_close(void *ctx) {
    biotdm_posix_tls *tls = ctx;
    if (tls->fd >= 0) {
        br_sslio_close(&tls->io);
        close(tls->fd);
        tls->fd = -1;
    }
}

/* The gateway's public key from its certificate: the pin. */
static int pin_server_key(biotdm_posix_tls *tls, const uint8_t *cert, size_t len) {
    br_x509_decoder_context dc;
    br_x509_pkey *pk;
    br_x509_decoder_init(&dc, NULL, NULL);
    br_x509_decoder_push(&dc, cert, len);
    pk = br_x509_decoder_get_pkey(&dc);
    if (pk == NULL || pk->key_type != BR_KEYTYPE_EC || pk->key.ec.curve != BR_EC_secp256r1
            || pk->key.ec.qlen != sizeof tls->server_q) {
        return -1;
    }
    memcpy(tls->server_q, pk->key.ec.q, sizeof tls->server_q);
    pk->key.ec.q = tls->server_q;
    br_x509_knownkey_init_ec(&tls->pin, &pk->key.ec, BR_KEYTYPE_KEYX | BR_KEYTYPE_SIGN);
    return 0;
}

int biotdm_posix_tls_init(biotdm_posix_tls *tls, biotdm_transport *transport, const uint8_t *device_cert,
                          size_t device_cert_len, const biotdm_key *key, const uint8_t *server_cert,
                          size_t server_cert_len) {
    memset(tls, 0, sizeof *tls);
    tls->fd = -1;
    if (device_cert_len > sizeof tls->cert || pin_server_key(tls, server_cert, server_cert_len) != 0) {
        return -1;
    }
    br_ssl_client_init_full(&tls->client, &tls->minimal, NULL, 0);
    br_ssl_engine_set_x509(&tls->client.eng, &tls->pin.vtable);
    br_ssl_engine_set_buffers_bidi(&tls->client.eng, tls->in, sizeof tls->in, tls->out, sizeof tls->out);
    if (device_cert_len > 0) {
        memcpy(tls->cert, device_cert, device_cert_len);
        tls->chain.data = tls->cert;
        tls->chain.data_len = device_cert_len;
        tls->sk.curve = BR_EC_secp256r1;
        tls->sk.x = (unsigned char *)key->secret;
        tls->sk.xlen = 32;
        br_ssl_client_set_single_ec(&tls->client, &tls->chain, 1, &tls->sk, BR_KEYTYPE_SIGN, BR_KEYTYPE_EC,
                                    br_ec_get_default(), br_ecdsa_sign_asn1_get_default());
    }
    transport->connect = tls_connect;
    transport->write = tls_write;
    transport->read = tls_read;
    transport->close = tls_close;
    transport->ctx = tls;
    return 0;
}

static void pem_append(void *ctx, const void *data, size_t len) {
    biotdm_buffer *b = ctx;
    biotdm_sink sink = biotdm_buffer_sink(b);
    sink.write(sink.ctx, data, len);
}

int biotdm_posix_pem_to_der(const char *pem, uint8_t *der, size_t cap) {
    br_pem_decoder_context pc;
    biotdm_buffer b = {der, cap, 0, 0};
    size_t len = strlen(pem);
    int inside = 0;
    br_pem_decoder_init(&pc);
    while (len > 0) {
        size_t n = br_pem_decoder_push(&pc, pem, len);
        pem += n, len -= n;
        switch (br_pem_decoder_event(&pc)) {
            case BR_PEM_BEGIN_OBJ:
                inside = 1;
                br_pem_decoder_setdest(&pc, pem_append, &b);
                break;
            case BR_PEM_END_OBJ:
                return inside && !b.overflow ? (int)b.len : -1;
            case BR_PEM_ERROR:
                return -1;
            default:
                break;
        }
    }
    return -1;
}
