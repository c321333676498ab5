/*
 * A device-side probe of the POSIX platform for test/tls_test.sh:
 *   tls_probe csr <state dir> <device id>          makes and stores a key, prints its provisioning CSR (PEM)
 *   tls_probe get <state dir> <device cert.pem> <server cert.pem> <host> <port>
 *                                                  GET / over mutual TLS with the pinned server key, prints the answer
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "biotdm_posix.h"
#include "biotdm_posix_tls.h"

static int make_csr(const biotdm_storage *st, const char *device_id) {
    biotdm_key key;
    char pem[BIOTDM_CSR_PEM_MAX];
    if (biotdm_key_generate(&key, biotdm_posix_rng, NULL) != BIOTDM_OK
            || st->write(st->ctx, BIOTDM_SLOT_KEY, key.secret, 32) != 0
            || biotdm_csr_pem(&key, device_id, pem, sizeof pem) < 0) {
        return 1;
    }
    fputs(pem, stdout);
    return 0;
}

static int get(const biotdm_storage *st, char **argv) {
    static biotdm_posix_tls tls;
    static char pem[8192], answer[16384];
    uint8_t device[BIOTDM_TLS_CERT_MAX], server[BIOTDM_TLS_CERT_MAX];
    int device_len, server_len, n, total = 0;
    biotdm_transport t;
    biotdm_key key;
    const char *request = "GET / HTTP/1.0\r\n\r\n";
    if (st->read(st->ctx, BIOTDM_SLOT_KEY, key.secret, 32) != 32 || biotdm_key_from_secret(&key, key.secret) != 0
            || biotdm_posix_read_text(argv[3], pem, sizeof pem) != 0
            || (device_len = biotdm_posix_pem_to_der(pem, device, sizeof device)) < 0
            || biotdm_posix_read_text(argv[4], pem, sizeof pem) != 0
            || (server_len = biotdm_posix_pem_to_der(pem, server, sizeof server)) < 0) {
        fprintf(stderr, "cannot load the key or the certificates\n");
        return 1;
    }
    if (biotdm_posix_tls_init(&tls, &t, device, (size_t)device_len, &key, server, (size_t)server_len) != 0
            || t.connect(t.ctx, argv[5], (uint16_t)atoi(argv[6])) != 0
            || t.write(t.ctx, (const uint8_t *)request, strlen(request)) < 0) {
        fprintf(stderr, "TLS failed: BearSSL error %d\n", br_ssl_engine_last_error(&tls.client.eng));
        return 1;
    }
    while ((n = t.read(t.ctx, (uint8_t *)answer + total, sizeof answer - 1 - (size_t)total)) > 0) {
        total += n;
    }
    answer[total] = '\0';
    printf("%s\nBearSSL error %d, record buffer %u bytes\n", answer, br_ssl_engine_last_error(&tls.client.eng),
           (unsigned)sizeof tls.in);
    t.close(t.ctx);
    return n < 0 ? 1 : 0;
}

int main(int argc, char **argv) {
    biotdm_posix_dir dir;
    biotdm_storage st;
    if (argc < 4 || biotdm_posix_storage(&st, &dir, argv[2]) != 0) {
        fprintf(stderr, "usage: tls_probe csr <dir> <device id> | get <dir> <cert> <server cert> <host> <port>\n");
        return 2;
    }
    if (strcmp(argv[1], "csr") == 0) {
        return make_csr(&st, argv[3]);
    }
    return argc == 7 && strcmp(argv[1], "get") == 0 ? get(&st, argv) : 2;
}
