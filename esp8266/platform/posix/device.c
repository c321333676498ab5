/*
 * The posix device: a BIoT-DM device as a Linux process, on the core and the posix platform (see README.md).
 *
 *   biotdm_device STATE_DIR GATEWAY_PEM HOST PORT DEVICE_ID [options]
 *     --claim-token-file F  provision with this claim token when the state holds no certificate yet
 *     --csv F --from ROW    readings from a ../shared/data/suthaharan_wsn data.csv (humidity %RH, temperature Cel),
 *                           data rows counted from 1 after the header
 *     --batches N --rows R  send N signed batches of R rows (2 readings a row), one reading every 5 s of data time
 *     --pause-ms MS         wait between batches (the end-to-end test kills the device in such a pause)
 *     --poll S              then poll commands (long poll of S s) and complete each with a signed receipt
 *     --model M             the device's model, <manufacturer MSP ID>/<model name>, for firmware-update commands
 *     --firmware-key HEX    the manufacturer's trusted firmware-signing key: its uncompressed P-256 point (130 hex)
 *     --tamper-image        (tests) flip a bit of a downloaded image, which must then be refused
 *     --reset-after-bytes N (tests) end the process with status 3, as a reset would, once N image bytes are stored
 *
 * It prints one line per event (PROVISIONED, ACK seq=…, RESENT, RECEIPT …) and exits 0, or 1 with a line on stderr.
 * State (key, certificate, sequence block, pending batch) lives in STATE_DIR; a batch sealed before a kill is sent
 * again first, with its sequence number and text unchanged.
 */
#define _GNU_SOURCE
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "biotdm/persist.h"
#include "biotdm_http.h"
#include "biotdm_posix.h"
#include "biotdm_posix_tls.h"
#include "device.h"

/* Bytes of a gateway answer (head and body): a provisioning answer with two PEM certificates takes about 2 KB. */
#define ANSWER_MAX 6144
/* Bytes of a request body: a telemetry batch of BIOTDM_BATCH_MAX readings, or the provisioning request. */
#define BODY_MAX 4096

static char answer_buf[ANSWER_MAX];
static uint8_t body_buf[BODY_MAX];

static int fail(const char *what, int rc) {
    fprintf(stderr, "biotdm_device: %s (%d)\n", what, rc);
    return 1;
}

static int load_key(const biotdm_storage *st, biotdm_key *key) {
    uint8_t secret[32];
    int n = st->read(st->ctx, BIOTDM_SLOT_KEY, secret, sizeof secret);
    if (n == 32) {
        return biotdm_key_from_secret(key, secret);
    }
    if (n != 0 || biotdm_key_generate(key, biotdm_posix_rng, NULL) != BIOTDM_OK) {
        return BIOTDM_ERR_CRYPTO;
    }
    return st->write(st->ctx, BIOTDM_SLOT_KEY, key->secret, 32) == 0 ? BIOTDM_OK : BIOTDM_ERR_STORAGE;
}

static int provision_body(const device_config *c, const biotdm_key *key, biotdm_buffer *body) {
    static char csr[BIOTDM_CSR_PEM_MAX];
    char token[260];
    size_t n = biotdm_posix_read_text(c->claim_token_file, token, sizeof token) == 0 ? strlen(token) : 0;
    biotdm_sink sink = biotdm_buffer_sink(body);
    while (n > 0 && (token[n - 1] == '\n' || token[n - 1] == '\r')) {
        n--;
    }
    token[n] = '\0';
    if (n < 16 || biotdm_csr_pem(key, c->device_id, csr, sizeof csr) < 0
            || biotdm_provision_body(c->device_id, token, csr, &sink) != BIOTDM_OK) {
        return BIOTDM_ERR_ARGUMENT;
    }
    return body->overflow ? BIOTDM_ERR_BUFFER : BIOTDM_OK;
}

/* Sends the claim token and the CSR over TLS without a client certificate; stores the certificate returned. */
static int provision(const device_config *c, const biotdm_storage *st, const biotdm_key *key) {
    static biotdm_posix_tls tls;
    static char pem[2048];
    uint8_t der[BIOTDM_TLS_CERT_MAX];
    biotdm_buffer body = {body_buf, sizeof body_buf, 0, 0};
    biotdm_transport t;
    biotdm_http_answer a;
    int rc, len;
    if ((rc = provision_body(c, key, &body)) != BIOTDM_OK) {
        return fail("cannot write the provisioning request (claim token of 16..256 plain bytes?)", rc);
    }
    if (biotdm_posix_tls_init(&tls, &t, NULL, 0, key, c->gateway_der, c->gateway_der_len) != 0
            || (rc = biotdm_http_request(&t, c->host, c->port, "POST", "/device/v1/provision", body.buf, body.len,
                                         answer_buf, sizeof answer_buf, &a)) != BIOTDM_OK) {
        return fail("provisioning request failed", rc);
    }
    if (a.status / 100 != 2 || biotdm_json_string(a.body, "certificate", pem, sizeof pem) == NULL
            || (len = biotdm_posix_pem_to_der(pem, der, sizeof der)) < 0) {
        fprintf(stderr, "biotdm_device: provisioning refused: %d %s\n", a.status, a.body);
        return 1;
    }
    if (st->write(st->ctx, BIOTDM_SLOT_CERT, der, (size_t)len) != 0) {
        return fail("cannot store the certificate", BIOTDM_ERR_STORAGE);
    }
    printf("PROVISIONED %s certificate=%d bytes\n", c->device_id, len);
    return 0;
}

/* The trusted firmware-signing key: 130 hex digits of 0x04 || X || Y, trusted for the --model's manufacturer. */
static int firmware_key(device_config *c, const char *hex) {
    const char *slash = c->model == NULL ? NULL : strchr(c->model, '/');
    size_t i, n = slash == NULL ? 0 : (size_t)(slash - c->model);
    if (n == 0 || n >= sizeof c->manufacturer || strlen(hex) != 2 * sizeof c->firmware_key.pub) {
        return -1;
    }
    for (i = 0; i < sizeof c->firmware_key.pub; i++) {
        unsigned v;
        if (sscanf(hex + 2 * i, "%2x", &v) != 1) {
            return -1;
        }
        c->firmware_key.pub[i] = (uint8_t)v;
    }
    memcpy(c->manufacturer, c->model, n);
    c->manufacturer[n] = '\0';
    c->firmware_key.manufacturer = c->manufacturer;
    return 0;
}

static int parse_args(int argc, char **argv, device_config *c) {
    static const struct option options[] = {
        {"claim-token-file", required_argument, NULL, 't'}, {"csv", required_argument, NULL, 'c'},
        {"from", required_argument, NULL, 'f'},             {"batches", required_argument, NULL, 'b'},
        {"rows", required_argument, NULL, 'r'},             {"pause-ms", required_argument, NULL, 'p'},
        {"poll", required_argument, NULL, 'w'},             {"model", required_argument, NULL, 'm'},
        {"firmware-key", required_argument, NULL, 'k'},     {"tamper-image", no_argument, NULL, 'x'},
        {"reset-after-bytes", required_argument, NULL, 'z'}, {NULL, 0, NULL, 0}};
    static char pem[4096];
    const char *key_hex = NULL;
    int o;
    memset(c, 0, sizeof *c);
    c->from = 1, c->rows = 4, c->poll = -1;
    while ((o = getopt_long(argc, argv, "", options, NULL)) != -1) {
        switch (o) {
            case 't': c->claim_token_file = optarg; break;
            case 'c': c->csv = optarg; break;
            case 'f': c->from = atol(optarg); break;
            case 'b': c->batches = atoi(optarg); break;
            case 'r': c->rows = atoi(optarg); break;
            case 'p': c->pause_ms = atoi(optarg); break;
            case 'w': c->poll = atoi(optarg); break;
            case 'm': c->model = optarg; break;
            case 'k': key_hex = optarg; break;
            case 'x': c->tamper_image = 1; break;
            case 'z': c->reset_after_bytes = strtoul(optarg, NULL, 10); break;
            default: return -1;
        }
    }
    if (argc - optind != 5 || biotdm_posix_read_text(argv[optind + 1], pem, sizeof pem) != 0
            || c->rows < 1 || 2 * c->rows > BIOTDM_BATCH_MAX || c->from < 1 || (c->batches > 0 && c->csv == NULL)) {
        return -1;
    }
    c->state_dir = argv[optind];
    c->host = argv[optind + 2];
    c->port = (uint16_t)atoi(argv[optind + 3]);
    c->device_id = argv[optind + 4];
    if (key_hex != NULL && firmware_key(c, key_hex) != 0) {
        return -1;
    }
    o = biotdm_posix_pem_to_der(pem, c->gateway_der, sizeof c->gateway_der);
    c->gateway_der_len = o > 0 ? (size_t)o : 0;
    return o > 0 ? 0 : -1;
}

int main(int argc, char **argv) {
    static device_config c;
    static biotdm_posix_tls tls;
    biotdm_posix_dir dir;
    biotdm_storage st;
    biotdm_transport t;
    biotdm_key key;
    uint8_t cert[BIOTDM_TLS_CERT_MAX];
    int cert_len;
    setvbuf(stdout, NULL, _IOLBF, 0);
    if (parse_args(argc, argv, &c) != 0) {
        fprintf(stderr, "usage: biotdm_device STATE_DIR GATEWAY_PEM HOST PORT DEVICE_ID [--claim-token-file F]"
                        " [--csv F --from ROW --batches N --rows R --pause-ms MS] [--poll S]"
                        " [--model M --firmware-key HEX] [--tamper-image] [--reset-after-bytes N]\n");
        return 2;
    }
    if (biotdm_posix_storage(&st, &dir, c.state_dir) != 0 || load_key(&st, &key) != BIOTDM_OK) {
        return fail("cannot open the state or the key", BIOTDM_ERR_STORAGE);
    }
    if ((cert_len = st.read(st.ctx, BIOTDM_SLOT_CERT, cert, sizeof cert)) == 0) {
        if (c.claim_token_file == NULL) {
            return fail("not provisioned and no --claim-token-file", BIOTDM_ERR_ARGUMENT);
        }
        if (provision(&c, &st, &key) != 0) {
            return 1;
        }
        cert_len = st.read(st.ctx, BIOTDM_SLOT_CERT, cert, sizeof cert);
    }
    if (cert_len <= 0 || biotdm_posix_tls_init(&tls, &t, cert, (size_t)cert_len, &key, c.gateway_der,
                                               c.gateway_der_len) != 0) {
        return fail("cannot load the device certificate", BIOTDM_ERR_STORAGE);
    }
    if (device_send_telemetry(&c, &st, &key, &t) != 0) {
        return 1;
    }
    return c.poll >= 0 ? device_complete_commands(&c, &st, &key, &t) : 0;
}

/* Shared with the telemetry and command parts (device_loop.c). */
int device_request(const device_config *c, const biotdm_transport *t, const char *method, const char *path,
                   const void *body, size_t len, biotdm_http_answer *a) {
    int rc = biotdm_http_request(t, c->host, c->port, method, path, body, len, answer_buf, sizeof answer_buf, a);
    if (rc != BIOTDM_OK) {
        fprintf(stderr, "biotdm_device: %s %s failed (%d)\n", method, path, rc);
    }
    return rc;
}

int device_range(const device_config *c, const biotdm_transport *t, const char *path, uint32_t first, uint32_t last,
                 biotdm_http_answer *a) {
    int rc = biotdm_http_get_range(t, c->host, c->port, path, first, last, answer_buf, sizeof answer_buf, a);
    if (rc != BIOTDM_OK) {
        fprintf(stderr, "biotdm_device: GET %s bytes=%lu-%lu failed (%d)\n", path, (unsigned long)first,
                (unsigned long)last, rc);
    }
    return rc;
}

int device_post(const device_config *c, const biotdm_transport *t, const char *path, const biotdm_buffer *body) {
    biotdm_http_answer a;
    if (body->overflow || device_request(c, t, "POST", path, body->buf, body->len, &a) != BIOTDM_OK) {
        return 1;
    }
    printf("POSTED %s status=%d %s\n", path, a.status, a.body);
    return a.status == 200 ? 0 : 1;
}

biotdm_buffer device_body(void) {
    biotdm_buffer b = {body_buf, sizeof body_buf, 0, 0};
    return b;
}

void device_sleep_ms(int ms) {
    struct timespec ts = {ms / 1000, (long)(ms % 1000) * 1000000L};
    nanosleep(&ts, NULL);
}
