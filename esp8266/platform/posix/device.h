/* The posix device program's parts (device.c: arguments, provisioning; device_loop.c: telemetry, commands). */
#ifndef BIOTDM_DEVICE_H
#define BIOTDM_DEVICE_H

#include "biotdm/firmware.h"
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
    const char *model;                 /* --model: <manufacturer MSP ID>/<model name>, for firmware updates */
    biotdm_firmware_key firmware_key;  /* --firmware-key: the one trusted signing key (manufacturer NULL: none) */
    char manufacturer[BIOTDM_DEVICE_ID_MAX + 1];
    int tamper_image;                  /* --tamper-image: flip a bit of the image's first byte as it arrives */
    unsigned long reset_after_bytes;   /* --reset-after-bytes: exit 3 once that many image bytes are stored (0: no) */
    uint8_t gateway_der[BIOTDM_TLS_CERT_MAX];
    size_t gateway_der_len;
} device_config;

/** Sends the pending batch, then c->batches new ones from the CSV; 0, or 1 after a line on stderr. */
int device_send_telemetry(const device_config *c, const biotdm_storage *st, const biotdm_key *key,
                          const biotdm_transport *t);

/** One delivered command: its identifiers and the poll answer holding it (valid until the next request). */
typedef struct {
    biotdm_command_ids ids;
    const char *json;
} device_command;

/**
 * Polls commands (c->poll s) until none is pending, completing each with a signed receipt: firmware-update through
 * device_firmware_update, any other type SUCCEEDED with {"applied":true}; 0 or 1.
 */
int device_complete_commands(const device_config *c, const biotdm_storage *st, const biotdm_key *key,
                             const biotdm_transport *t);

/** Signs and posts the receipt of a command with status and result (canonical JSON); 0 when the gateway took it. */
int device_complete(const device_config *c, const biotdm_key *key, const biotdm_transport *t,
                    const device_command *command, biotdm_command_status status, const char *result);

/**
 * Runs a firmware-update command (device_firmware.c): checks, download, install, progress, installation receipt and
 * the command's receipt (SUCCEEDED, or FAILED with the catalogue code as result); 0, or 1 when the gateway could not
 * be told.
 */
int device_firmware_update(const device_config *c, const biotdm_storage *st, const biotdm_key *key,
                           const biotdm_transport *t, const device_command *command);

/**
 * Runs a configuration command (device_configuration.c): checks the parameters' canonical hash, stores them and
 * reports them applied with a signed receipt, or FAILED with CONFIGURATION_INVALID; 0, or 1 when the gateway could
 * not be told.
 */
int device_configuration(const device_config *c, const biotdm_key *key, const biotdm_transport *t,
                         const device_command *command);

/** GET path bytes first..last into the program's answer buffer; as device_request. */
int device_range(const device_config *c, const biotdm_transport *t, const char *path, uint32_t first, uint32_t last,
                 biotdm_http_answer *a);

/** Posts a body (written into device_body()) to path; 0 when the gateway answered 200, else 1 (printed). */
int device_post(const device_config *c, const biotdm_transport *t, const char *path, const biotdm_buffer *body);

/** One request to the gateway, its answer in the program's answer buffer; BIOTDM_OK or the failure (printed). */
int device_request(const device_config *c, const biotdm_transport *t, const char *method, const char *path,
                   const void *body, size_t len, biotdm_http_answer *a);

/** The program's request body buffer, empty. */
biotdm_buffer device_body(void);

/** Sleeps ms milliseconds. */
void device_sleep_ms(int ms);

#endif
