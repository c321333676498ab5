/* The posix device program's parts (device.c: arguments, provisioning; device_loop.c: telemetry, commands). */
#ifndef BIOTDM_DEVICE_H
#define BIOTDM_DEVICE_H

#include "biotdm/persist.h"
#include "biotdm_http.h"
#include "biotdm_posix_tls.h"

/** The command line: see device.c. */
typedef struct {
    const char *state_dir;
    const char *host;
    uint16_t port;
    const char *device_id;
    const char *claim_token_file;
    const char *csv;
    long from;
    int batches;
    int rows;
    int pause_ms;
    int poll;
    uint8_t gateway_der[BIOTDM_TLS_CERT_MAX];
    size_t gateway_der_len;
} device_config;

/** Sends the pending batch, then c->batches new ones from the CSV; 0, or 1 after a line on stderr. */
int device_send_telemetry(const device_config *c, const biotdm_storage *st, const biotdm_key *key,
                          const biotdm_transport *t);

/** Polls commands (c->poll s) until none is pending, completing each with a signed receipt; 0 or 1. */
int device_complete_commands(const device_config *c, const biotdm_key *key, const biotdm_transport *t);

/** One request to the gateway, its answer in the program's answer buffer; BIOTDM_OK or the failure (printed). */
int device_request(const device_config *c, const biotdm_transport *t, const char *method, const char *path,
                   const void *body, size_t len, biotdm_http_answer *a);

/** The program's request body buffer, empty. */
biotdm_buffer device_body(void);

/** Sleeps ms milliseconds. */
void device_sleep_ms(int ms);

#endif
